package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the objects an S3 event notification names ({@code Records[].s3.bucket.name} and
 * {@code Records[].s3.object.key}) with Jackson's streaming parser. S3 writes the key URL-encoded, a space as
 * {@code +}, which is the form encoding {@link URLDecoder} undoes.
 */
public final class S3EventReader {
    private S3EventReader() {
    }

    public static List<S3ObjectReference> objects(InputStream input) throws IOException {
        EventJson.Records<S3ObjectReference> read = EventJson.read(input, "an S3 event", S3EventReader::objectOfRecord);
        return read == null || read.records() == null ? List.of() : read.records();
    }

    private static S3ObjectReference objectOfRecord(JsonParser json) throws IOException {
        S3ObjectReference object = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("s3") && value == JsonToken.START_OBJECT) {
                object = objectOfS3(json);
            } else {
                json.skipChildren();
            }
        }
        if (object == null) {
            throw new IOException("a record of the S3 event names no object (s3.bucket.name and s3.object.key)");
        }
        return object;
    }

    private static S3ObjectReference objectOfS3(JsonParser json) throws IOException {
        String bucket = null;
        String key = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("bucket") && value == JsonToken.START_OBJECT) {
                bucket = textField(json, "name");
            } else if (field.equals("object") && value == JsonToken.START_OBJECT) {
                String encoded = textField(json, "key");
                key = encoded == null ? null : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            } else {
                json.skipChildren();
            }
        }
        return bucket == null || key == null ? null : new S3ObjectReference(bucket, key);
    }

    /** The string field {@code name} of the object the parser is in, read through its end. */
    private static String textField(JsonParser json, String name) throws IOException {
        String text = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                text = json.getText();
            } else {
                json.skipChildren();
            }
        }
        return text;
    }
}
