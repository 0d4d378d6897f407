package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The fields of a change event's {@code source} block that bisync uses, as the PostgreSQL, MariaDB and MySQL
 * connectors write them; any other field is skipped. Read by name, so it needs no schema.
 */
final class SourceBlock {

    String connector;
    String db;
    String schema;
    String table;
    /** PostgreSQL: the change's LSN; -1 if absent. */
    long lsn = -1;
    /** PostgreSQL: {@code ["<last commit LSN>","<LSN>"]} as a JSON string. */
    String sequence;
    /** PostgreSQL: the transaction id; -1 if absent. */
    long txId = -1;
    String origin;
    long tsMs = Long.MIN_VALUE;
    long tsUs = Long.MIN_VALUE;
    long serverId;
    String gtid;
    String file;
    long pos = -1;
    long row;

    /** Reads the object (or null) at the parser's current token, leaving the parser on its last token. */
    void read(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        Mismatch.expect(p, JsonToken.START_OBJECT, "the source block as an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "connector" -> connector = text(p, name);
                case "db" -> db = text(p, name);
                case "schema" -> schema = text(p, name);
                case "table" -> table = text(p, name);
                case "lsn" -> lsn = number(p, name);
                case "sequence" -> sequence = text(p, name);
                case "txId" -> txId = number(p, name);
                case "origin" -> origin = text(p, name);
                case "ts_ms" -> tsMs = number(p, name);
                case "ts_us" -> tsUs = number(p, name);
                case "server_id" -> serverId = number(p, name);
                case "gtid" -> gtid = text(p, name);
                case "file" -> file = text(p, name);
                case "pos" -> pos = number(p, name);
                case "row" -> row = number(p, name);
                default -> p.skipChildren();
            }
        }
    }

    static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new UndecodableRecordException(field + ": " + Mismatch.of(p, "a string").getMessage());
        }
        return p.getText();
    }

    static long number(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new UndecodableRecordException(field + ": " + Mismatch.of(p, "an integer").getMessage());
        }
        return p.getLongValue();
    }
}
