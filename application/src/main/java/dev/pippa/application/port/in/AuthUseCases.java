package dev.pippa.application.port.in;

import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.User;

/** Users and their tokens: register, log in, check a token on every request, and stream tickets. */
public interface AuthUseCases {

    /** @throws dev.pippa.domain.DuplicateException when the email is already registered */
    User registerUser(RegisterUserCommand command);

    /**
     * Exchanges an email and password for an access token.
     *
     * @throws AuthenticationFailedException when either is wrong; which one is never told
     */
    AccessToken issueToken(IssueTokenCommand command);

    /**
     * The owner a bearer token speaks for.
     *
     * @throws AuthenticationFailedException when the token is malformed, expired, not signed by us, or for a
     *                                       user that does not exist
     */
    OwnerId authenticate(String bearerToken);

    /** The signed-in user. */
    User me(OwnerId owner);

    /**
     * Erases the account: every conversation (with its messages, search entries, summary, responses),
     * idempotency key, event, job and ticket of the user, then the user. Its tokens stop working at once
     * on this node and within about a second on others.
     *
     * @throws AuthenticationFailedException when the password is wrong (nothing is deleted)
     */
    void deleteAccount(OwnerId owner, Password password);

    /**
     * Changes the password. Every token issued before, the caller's included, stops working: at once on
     * this node, within about a second on others. Answers a new token.
     *
     * @throws AuthenticationFailedException when the current password is wrong (nothing changes)
     */
    AccessToken changePassword(OwnerId owner, Password current, Password replacement);

    /**
     * Revokes this token: it stops working at once on this node, within about a second on others, and across
     * restarts; the revocation is forgotten once the token would have expired anyway.
     */
    void revoke(String bearerToken);

    /**
     * Finishes the account erasures that a crash or stop interrupted (the user is gone, some data not yet);
     * meant to run at start. Returns how many it finished.
     */
    int resumeErasures();

    /** Reads revocations made on other nodes since the last call; meant to run every second. */
    void followRevocations();

    /** How long a node trusts that a token's user exists before it checks again. */
    java.time.Duration REMEMBER_USERS_FOR = java.time.Duration.ofSeconds(60);

    /** A single-use ticket, valid for a minute, that opens one event stream as {@code owner}. */
    AccessToken issueStreamTicket(OwnerId owner);

    /**
     * The owner a stream ticket was issued to; the ticket is used up.
     *
     * @throws AuthenticationFailedException when it is unknown, used already, or expired
     */
    OwnerId redeemStreamTicket(String ticket);
}
