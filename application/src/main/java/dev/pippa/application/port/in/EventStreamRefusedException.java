package dev.pippa.application.port.in;

/** Why an event stream cannot open or resume; the caller can act on each reason differently. */
public final class EventStreamRefusedException extends RuntimeException {

    public enum Reason {
        /** The owner has as many streams open as allowed: close one, or retry later. */
        OWNER_LIMIT,
        /** The server has as many streams open as allowed: retry later, perhaps on another node. */
        SERVER_LIMIT,
        /** Events after the resume point were forgotten (older than the retention): start afresh. */
        RESUME_POINT_FORGOTTEN
    }

    private final Reason reason;

    public EventStreamRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
