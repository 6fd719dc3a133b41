package dev.pippa.domain.event;

/** What happened, as named on the wire ({@code noun.verb}). */
public enum EventType {
    CONVERSATION_CREATED("conversation.created"),
    CONVERSATION_UPDATED("conversation.updated"),
    CONVERSATION_DELETED("conversation.deleted"),
    MESSAGE_CREATED("message.created"),
    MESSAGE_UPDATED("message.updated"),
    MESSAGE_DELETED("message.deleted"),
    SUMMARY_UPDATED("summary.updated"),
    RESPONSE_CREATED("response.created"),
    RESPONSE_IN_PROGRESS("response.in_progress"),
    RESPONSE_COMPLETED("response.completed"),
    RESPONSE_INCOMPLETE("response.incomplete"),
    RESPONSE_FAILED("response.failed"),
    RESPONSE_CANCELLED("response.cancelled"),
    RESPONSE_OUTPUT_TEXT_DELTA("response.output_text.delta");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** Whether the event is about one message (and names it). */
    public boolean isAboutAMessage() {
        return wireName.startsWith("message.");
    }

    /** Whether the event is about a response (and names it). */
    public boolean isAboutAResponse() {
        return wireName.startsWith("response.");
    }

    public String wireName() {
        return wireName;
    }

    /** The type with this wire name; null when there is none (a row written by a newer version). */
    public static EventType fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
