package io.kinesishydrator.redrive;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * What became of every record handed to {@link PutRecordsSender#send}: each one is either {@link Put} or
 * {@link NotPut}, identified by its index in the list sent.
 *
 * @param calls         PutRecords requests made, resends included
 * @param resentEntries entries sent again after a failed attempt
 */
public record SendResult(List<Put> put, List<NotPut> notPut, int calls, int resentEntries) {

    public SendResult {
        put = put.stream().sorted(Comparator.comparingInt(Put::index)).toList();
        notPut = notPut.stream().sorted(Comparator.comparingInt(NotPut::index)).toList();
    }

    /** A record Kinesis took: where it landed. */
    public record Put(int index, String shardId, String sequenceNumber) {
    }

    /**
     * A record that is not in the stream: the error code of its last attempt (Kinesis' own, or one of the
     * sender's codes for a record it never sent, such as {@link PutRecordsSender#RECORD_TOO_LARGE}).
     */
    public record NotPut(int index, PutRecordsRequestEntry entry, String errorCode, String errorMessage) {
    }

    public boolean allPut() {
        return notPut.isEmpty();
    }

    /** How many records were not put, by error code, in code order. */
    public Map<String, Integer> notPutByErrorCode() {
        Map<String, Integer> counts = new TreeMap<>();
        notPut.forEach(record -> counts.merge(record.errorCode(), 1, Integer::sum));
        return counts;
    }
}
