package dev.pippa.application.port.in;

public interface IssueTokenUseCase {

    /**
     * Exchanges an email and password for an access token.
     *
     * @throws AuthenticationFailedException when either is wrong; which one is never told
     */
    AccessToken issueToken(IssueTokenCommand command);
}
