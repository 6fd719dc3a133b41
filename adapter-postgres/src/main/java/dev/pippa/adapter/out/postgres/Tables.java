package dev.pippa.adapter.out.postgres;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The schema of db/postgres/V1__schema.sql as typed jOOQ names, written by hand: six small tables do not
 * repay starting a PostgreSQL server in every build to generate them. A test checks every name here
 * against the migrated schema, so a typo fails the build instead of a request.
 */
final class Tables {

    private Tables() {
    }

    static final class Conversations {
        static final Table<Record> TABLE = DSL.table(DSL.name("conversation"));
        static final Field<String> ID = text("conversation", "id");
        static final Field<String> OWNER_ID = text("conversation", "owner_id");
        static final Field<String> TITLE = text("conversation", "title");
        static final Field<String> METADATA = text("conversation", "metadata");
        static final Field<Long> MESSAGE_COUNT = number("conversation", "message_count");
        static final Field<Long> CREATED_AT = number("conversation", "created_at");
        static final Field<Long> UPDATED_AT = number("conversation", "updated_at");
        static final Field<Long> VERSION = number("conversation", "version");
        static final Field<String> FORKED_FROM_CONVERSATION_ID = text("conversation", "forked_from_conversation_id");
        static final Field<String> FORKED_FROM_MESSAGE_ID = text("conversation", "forked_from_message_id");
        static final Field<Boolean> ARCHIVED = flag("conversation", "archived");
        static final Field<Boolean> PINNED = flag("conversation", "pinned");
        static final Field<String> TITLE_KEY = text("conversation", "title_key");
        static final Field<Long> LIST_KEY = number("conversation", "list_key");

        private Conversations() {
        }
    }

    static final class Messages {
        static final Table<Record> TABLE = DSL.table(DSL.name("message"));
        static final Field<String> ID = text("message", "id");
        static final Field<String> CONVERSATION_ID = text("message", "conversation_id");
        static final Field<Long> POSITION = number("message", "position");
        static final Field<String> ROLE = text("message", "role");
        static final Field<String> CONTENT = text("message", "content");
        static final Field<String> METADATA = text("message", "metadata");
        static final Field<Long> CREATED_AT = number("message", "created_at");
        static final Field<Long> EDITED_AT = number("message", "edited_at");
        /** A tsvector; only ever set from an expression. */
        static final Field<String> WORDS = text("message", "words");
        static final Field<Boolean> CJK = flag("message", "cjk");

        private Messages() {
        }
    }

    static final class IdempotencyKeys {
        static final Table<Record> TABLE = DSL.table(DSL.name("idempotency_key"));
        static final Field<String> OWNER_ID = text("idempotency_key", "owner_id");
        static final Field<String> KEY = text("idempotency_key", "key");
        static final Field<String> FINGERPRINT = text("idempotency_key", "fingerprint");
        static final Field<String> RESOURCE_ID = text("idempotency_key", "resource_id");
        static final Field<Long> CREATED_AT = number("idempotency_key", "created_at");

        private IdempotencyKeys() {
        }
    }

    static final class Users {
        static final Table<Record> TABLE = DSL.table(DSL.name("user_account"));
        static final Field<String> ID = text("user_account", "id");
        static final Field<String> EMAIL = text("user_account", "email");
        static final Field<String> PASSWORD_HASH = text("user_account", "password_hash");
        static final Field<Long> CREATED_AT = number("user_account", "created_at");
        static final Field<Long> TOKEN_VERSION = number("user_account", "token_version");

        private Users() {
        }
    }

    static final class Files {
        static final Table<Record> TABLE = DSL.table(DSL.name("stored_file"));
        static final Field<String> ID = text("stored_file", "id");
        static final Field<String> OWNER_ID = text("stored_file", "owner_id");
        static final Field<String> NAME = text("stored_file", "name");
        static final Field<String> MEDIA_TYPE = text("stored_file", "media_type");
        static final Field<Long> SIZE = number("stored_file", "size");
        static final Field<String> STATUS = text("stored_file", "status");
        static final Field<String> ERROR = text("stored_file", "error");
        static final Field<Long> CHUNK_COUNT = number("stored_file", "chunk_count");
        static final Field<byte[]> CONTENT = DSL.field(DSL.name("stored_file", "content"), SQLDataType.BLOB);
        static final Field<Long> CREATED_AT = number("stored_file", "created_at");

        private Files() {
        }
    }

    static final class Chunks {
        static final Table<Record> TABLE = DSL.table(DSL.name("file_chunk"));
        static final Field<Long> SEQUENCE = number("file_chunk", "sequence");
        static final Field<String> FILE_ID = text("file_chunk", "file_id");
        static final Field<String> OWNER_ID = text("file_chunk", "owner_id");
        static final Field<Long> POSITION = number("file_chunk", "position");
        static final Field<String> TEXT = text("file_chunk", "text");
        static final Field<String> MODEL = text("file_chunk", "model");
        static final Field<byte[]> VECTOR = DSL.field(DSL.name("file_chunk", "vector"), SQLDataType.BLOB);

        private Chunks() {
        }
    }

    static final class Attachments {
        static final Table<Record> TABLE = DSL.table(DSL.name("conversation_file"));
        static final Field<String> CONVERSATION_ID = text("conversation_file", "conversation_id");
        static final Field<String> FILE_ID = text("conversation_file", "file_id");
        static final Field<Long> ATTACHED_AT = number("conversation_file", "attached_at");

        private Attachments() {
        }
    }

    static final class Erasures {
        static final Table<Record> TABLE = DSL.table(DSL.name("account_erasure"));
        static final Field<String> OWNER_ID = text("account_erasure", "owner_id");
        static final Field<Long> REQUESTED_AT = number("account_erasure", "requested_at");

        private Erasures() {
        }
    }

    static final class Revocations {
        static final Table<Record> TABLE = DSL.table(DSL.name("token_revocation"));
        static final Field<Long> SEQUENCE = number("token_revocation", "sequence");
        static final Field<String> USER_ID = text("token_revocation", "user_id");
        static final Field<String> TOKEN_ID = text("token_revocation", "token_id");
        static final Field<Long> RECORDED_AT = number("token_revocation", "recorded_at");
        static final Field<Long> EXPIRES_AT = number("token_revocation", "expires_at");

        private Revocations() {
        }
    }

    static final class Jobs {
        static final Table<Record> TABLE = DSL.table(DSL.name("job"));
        static final Field<String> ID = text("job", "id");
        static final Field<String> KIND = text("job", "kind");
        static final Field<String> OWNER_ID = text("job", "owner_id");
        static final Field<String> CONVERSATION_ID = text("job", "conversation_id");
        static final Field<String> MESSAGE_ID = text("job", "message_id");
        static final Field<String> STATUS = text("job", "status");
        static final Field<Long> ATTEMPTS = number("job", "attempts");
        static final Field<Long> RUN_AFTER = number("job", "run_after");
        static final Field<Long> LEASED_UNTIL = number("job", "leased_until");
        static final Field<String> LAST_ERROR = text("job", "last_error");
        static final Field<Long> CREATED_AT = number("job", "created_at");

        private Jobs() {
        }
    }

    static final class Summaries {
        static final Table<Record> TABLE = DSL.table(DSL.name("conversation_summary"));
        static final Field<String> CONVERSATION_ID = text("conversation_summary", "conversation_id");
        static final Field<String> SUMMARY = text("conversation_summary", "summary");
        static final Field<String> COVERS_THROUGH_MESSAGE_ID = text("conversation_summary", "covers_through_message_id");
        static final Field<Long> MESSAGE_COUNT_COVERED = number("conversation_summary", "message_count_covered");
        static final Field<Long> UPDATED_AT = number("conversation_summary", "updated_at");

        private Summaries() {
        }
    }

    static final class Events {
        static final Table<Record> TABLE = DSL.table(DSL.name("event"));
        static final Field<Long> XID = number("event", "xid");
        static final Field<Long> SEQ = number("event", "seq");
        static final Field<String> TYPE = text("event", "type");
        static final Field<String> OWNER_ID = text("event", "owner_id");
        static final Field<String> CONVERSATION_ID = text("event", "conversation_id");
        static final Field<String> MESSAGE_ID = text("event", "message_id");
        static final Field<String> RESPONSE_ID = text("event", "response_id");
        static final Field<String> DELTA = text("event", "delta");
        static final Field<Long> CREATED_AT = number("event", "created_at");

        private Events() {
        }
    }

    static final class EventsForgotten {
        static final Table<Record> TABLE = DSL.table(DSL.name("event_forgotten"));
        static final Field<Long> XID = number("event_forgotten", "xid");
        static final Field<Long> SEQ = number("event_forgotten", "seq");

        private EventsForgotten() {
        }
    }

    static final class StreamTickets {
        static final Table<Record> TABLE = DSL.table(DSL.name("stream_ticket"));
        static final Field<String> HASH = text("stream_ticket", "hash");
        static final Field<String> OWNER_ID = text("stream_ticket", "owner_id");
        static final Field<Long> EXPIRES_AT = number("stream_ticket", "expires_at");

        private StreamTickets() {
        }
    }

    static final class ImportRecords {
        static final Table<Record> TABLE = DSL.table(DSL.name("import_record"));
        static final Field<String> OWNER_ID = text("import_record", "owner_id");
        static final Field<String> SOURCE = text("import_record", "source");
        static final Field<String> SOURCE_ID = text("import_record", "source_id");
        static final Field<String> CONVERSATION_ID = text("import_record", "conversation_id");

        private ImportRecords() {
        }
    }

    static final class Responses {
        static final Table<Record> TABLE = DSL.table(DSL.name("response"));
        static final Field<String> ID = text("response", "id");
        static final Field<String> CONVERSATION_ID = text("response", "conversation_id");
        static final Field<String> OWNER_ID = text("response", "owner_id");
        static final Field<String> STATUS = text("response", "status");
        static final Field<String> INSTRUCTIONS = text("response", "instructions");
        static final Field<String> MODEL = text("response", "model");
        static final Field<Long> MAX_OUTPUT_TOKENS = number("response", "max_output_tokens");
        static final Field<Double> TEMPERATURE = DSL.field(DSL.name("response", "temperature"), SQLDataType.DOUBLE);
        static final Field<String> INPUT_MESSAGE_ID = text("response", "input_message_id");
        static final Field<String> OUTPUT_MESSAGE_ID = text("response", "output_message_id");
        static final Field<Long> INPUT_TOKENS = number("response", "input_tokens");
        static final Field<Long> OUTPUT_TOKENS = number("response", "output_tokens");
        static final Field<String> ERROR_CODE = text("response", "error_code");
        static final Field<String> ERROR_DETAIL = text("response", "error_detail");
        static final Field<Boolean> CANCEL_REQUESTED = flag("response", "cancel_requested");
        static final Field<Long> CREATED_AT = number("response", "created_at");
        static final Field<Long> COMPLETED_AT = number("response", "completed_at");
        static final Field<String> CONTEXT_MESSAGE_IDS = text("response", "context_message_ids");
        static final Field<Boolean> CONTEXT_SUMMARY_USED = flag("response", "context_summary_used");
        static final Field<Long> CONTEXT_TOKENS = number("response", "context_tokens");
        static final Field<String> CONTEXT_CITATIONS = text("response", "context_citations");

        private Responses() {
        }
    }

    private static Field<String> text(String table, String column) {
        return DSL.field(DSL.name(table, column), SQLDataType.CLOB);
    }

    private static Field<Boolean> flag(String table, String column) {
        return DSL.field(DSL.name(table, column), SQLDataType.BOOLEAN);
    }

    private static Field<Long> number(String table, String column) {
        return DSL.field(DSL.name(table, column), SQLDataType.BIGINT);
    }
}
