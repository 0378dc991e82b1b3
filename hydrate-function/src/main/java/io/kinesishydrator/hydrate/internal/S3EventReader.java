package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.common.JsonFields;
import io.kinesishydrator.common.MalformedEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the objects an S3 event notification names ({@code Records[].s3.bucket.name} and
 * {@code Records[].s3.object.key}) with Jackson's streaming parser, by {@link SnsEventReader}'s rules: the
 * structure whole or refused, other fields skipped whatever they hold. A record that names no object is refused.
 * S3 writes the key URL-encoded, a space as {@code +}, which is the form encoding {@link URLDecoder} undoes.
 */
public final class S3EventReader {
    private S3EventReader() {
    }

    public static List<S3ObjectReference> objects(InputStream input) throws IOException {
        EventJson.Records<S3ObjectReference> read = EventJson.read(new InputStreamReader(input, StandardCharsets.UTF_8),
                "an S3 event", S3EventReader::objectOfRecord);
        if (read == null || read.records() == null) {
            return List.of();
        }
        int absent = read.records().indexOf(null);
        if (absent >= 0) {
            throw new MalformedEventException("record " + absent + " of the S3 event is null; it names no object");
        }
        return read.records();
    }

    private static S3ObjectReference objectOfRecord(JsonParser json) throws IOException {
        S3ObjectReference object = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            if (field.equals("s3")) {
                object = JsonFields.startsObject(value, "s3") ? objectOfS3(json) : null;
            } else {
                json.skipChildren();
            }
        }
        if (object == null) {
            throw new MalformedEventException("the record names no object (s3.bucket.name and s3.object.key)");
        }
        return object;
    }

    private static S3ObjectReference objectOfS3(JsonParser json) throws IOException {
        String bucket = null;
        String key = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "bucket" -> bucket = JsonFields.startsObject(value, "s3.bucket") ? textField(json, "name", "s3.bucket.name") : null;
                case "object" -> {
                    String encoded = JsonFields.startsObject(value, "s3.object") ? textField(json, "key", "s3.object.key") : null;
                    key = encoded == null ? null : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
                }
                default -> json.skipChildren();
            }
        }
        return bucket == null || key == null ? null : new S3ObjectReference(bucket, key);
    }

    /** The text field {@code name} of the object the parser is in, read through its end. */
    private static String textField(JsonParser json, String name, String path) throws IOException {
        String text = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            if (field.equals(name)) {
                text = JsonFields.text(json, value, path);
            } else {
                json.skipChildren();
            }
        }
        return text;
    }
}
