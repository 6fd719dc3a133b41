package dev.pippa.application.port.in;

/** Refused: as many generations are running (or queued) as allowed, for this user or for the server. */
public final class TooManyGenerationsException extends RuntimeException {

    private final boolean perUser;

    public TooManyGenerationsException(boolean perUser, long limit) {
        super(perUser ? "You have " + limit + " replies being generated, the most allowed at once; retry when one"
                + " has finished." : "The server is generating " + limit + " replies, the most it allows at once;"
                + " retry shortly.");
        this.perUser = perUser;
    }

    /** True: the caller's own limit; false: the server's. */
    public boolean perUser() {
        return perUser;
    }
}
