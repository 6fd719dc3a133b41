package dev.pippa.application.port.in;

import java.util.Objects;

/** What background work makes available: search over messages and conversation summaries. */
public record InsightUseCases(SearchMessagesUseCase searchMessages, GetSummaryUseCase getSummary) {

    public InsightUseCases {
        Objects.requireNonNull(searchMessages);
        Objects.requireNonNull(getSummary);
    }
}
