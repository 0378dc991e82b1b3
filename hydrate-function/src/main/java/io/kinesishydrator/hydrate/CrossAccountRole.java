package io.kinesishydrator.hydrate;

import io.kinesishydrator.common.Settings;
import io.kinesishydrator.hydrate.internal.StreamArn;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The role, in another account, through which the hydrate reads that account's streams: the environment variable
 * {@code CROSS_ACCOUNT_ROLE_ARN}. A stream whose ARN names the role's account is read with the role's
 * credentials; every other stream with the function's own. Parsing it loads nothing of STS.
 *
 * @param arn       the role's ARN
 * @param accountId the account the role is in, and whose streams it reads
 */
record CrossAccountRole(String arn, String accountId) {
    static final String VARIABLE = "CROSS_ACCOUNT_ROLE_ARN";
    /** IAM's role ARN: a partition, no region, the account, and the role's name after an optional path. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

    /** The role the environment names, or none when the variable is unset or empty; anything else fails init. */
    static Optional<CrossAccountRole> fromEnvironment(Settings env) {
        String arn = env.string(VARIABLE, "").strip();
        return arn.isEmpty() ? Optional.empty() : Optional.of(parse(arn));
    }

    static CrossAccountRole parse(String arn) {
        Matcher parts = ROLE_ARN.matcher(arn);
        if (!parts.matches()) {
            throw new IllegalStateException("environment variable " + VARIABLE
                    + " must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got '" + arn + "'");
        }
        return new CrossAccountRole(arn, parts.group(1));
    }

    /** Whether the stream is in the role's account, and so is read through the role. */
    boolean reads(StreamArn stream) {
        return accountId.equals(stream.accountId());
    }
}
