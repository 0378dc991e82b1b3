package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedriveMarkerTest {

    @Test
    void theFirstRedriveAddsTheSuffixAndEachNextOneCountsUp() {
        assertThat(RedriveMarker.mark("c-17")).isEqualTo("c-17~redrive-1");
        assertThat(RedriveMarker.mark("c-17~redrive-1")).isEqualTo("c-17~redrive-2");
        assertThat(RedriveMarker.mark("c-17~redrive-9")).isEqualTo("c-17~redrive-10");
    }

    @Test
    void theCountAndTheOriginalKeyAreReadBackFromAMarkedKey() {
        assertThat(RedriveMarker.redrives("c-17~redrive-3")).isEqualTo(3);
        assertThat(RedriveMarker.originalPartitionKey("c-17~redrive-3")).isEqualTo("c-17");
        assertThat(RedriveMarker.originalPartitionKey("a~redrive-1~redrive-2")).isEqualTo("a~redrive-1");
    }

    @Test
    void keysWithoutTheSuffixAtTheirEndAreNotMarked() {
        assertThat(RedriveMarker.redrives("c-17")).isZero();
        assertThat(RedriveMarker.redrives("c~redrive-1x")).isZero();
        assertThat(RedriveMarker.redrives("c~redrive-0")).isZero();
        assertThat(RedriveMarker.redrives("c~redrive-01")).isZero();
        assertThat(RedriveMarker.redrives("~redrive-1")).isZero();
        assertThat(RedriveMarker.originalPartitionKey("c-17")).isEqualTo("c-17");
    }

    @Test
    void theHashKeyIsTheMd5OfTheKeyAsAnUnsignedNumber() {
        assertThat(RedriveMarker.hashKeyOf("")).isEqualTo("281949768489412648962353822266799178366");
        assertThat(RedriveMarker.hashKeyOf("c-17")).isEqualTo("146071825190439638704466073634825402563");
    }
}
