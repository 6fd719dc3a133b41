package dev.pippa.application.service;

import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.application.port.in.GenerationLimits;
import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.application.port.in.InsightUseCases;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.EventStore;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.port.out.UserStore;
import java.time.Clock;

/** Builds the use cases over their ports: the single wiring point for the service and for embedders. */
public final class Services {

    private Services() {
    }

    public static ConversationUseCases conversations(ConversationStore store) {
        return conversations(store, Clock.systemUTC());
    }

    public static ConversationUseCases conversations(ConversationStore store, Clock clock) {
        return new ConversationService(store, clock);
    }

    /** Messages that cause no background jobs (no search index or summaries to keep up), on the system clock. */
    public static MessageUseCases messages(ConversationStore store) {
        return messages(store, Clock.systemUTC(), MessageJobs.NONE);
    }

    /** @param jobs the jobs each new message causes (e.g. {@link BackgroundJobs#causedBy}) */
    public static MessageUseCases messages(ConversationStore store, Clock clock, MessageJobs jobs) {
        return new MessageService(store, clock, jobs);
    }

    public static InsightUseCases insights(ConversationStore conversations, MessageSearch search,
                                           SummaryStore summaries) {
        return new InsightService(conversations, search, summaries, Clock.systemUTC());
    }

    /** @param conversations where an erased account's conversations are deleted from */
    public static AuthUseCases auth(UserStore users, PasswordHasher hasher, AccessTokens tokens,
                                    ConversationStore conversations) {
        return auth(users, hasher, tokens, conversations, Clock.systemUTC());
    }

    public static AuthUseCases auth(UserStore users, PasswordHasher hasher, AccessTokens tokens,
                                    ConversationStore conversations, Clock clock) {
        return new AuthService(users, hasher, tokens, conversations, clock);
    }

    /** Generated replies; the jobs the input message causes besides its generation come from {@code jobs}. */
    public static GenerationUseCases generation(ConversationStore store, Clock clock, MessageJobs jobs) {
        return generation(store, clock, jobs, GenerationLimits.NONE, () -> { });
    }

    /**
     * As above, refusing a new generation while the owner or the server has {@code limits} running, and
     * telling {@code whenQueued} after each generation is queued (so workers need not wait to look).
     */
    public static GenerationUseCases generation(ConversationStore store, Clock clock, MessageJobs jobs,
                                                GenerationLimits limits, Runnable whenQueued) {
        return new GenerationService(store, clock, jobs, limits, whenQueued);
    }

    /** Import from export files; each message imported causes the jobs {@code jobs} names. */
    public static ImportUseCases imports(ConversationStore store, Clock clock, MessageJobs jobs) {
        return new ImportService(store, clock, jobs);
    }

    /** Export, a page at a time. */
    public static ExportUseCases export(ConversationStore store) {
        return new ExportService(store);
    }

    /** The node's event hub; the caller pumps it ({@link LiveEvents#pump}) and stops it. */
    public static LiveEvents liveEvents(EventStore events, ConversationStore conversations,
                                        LiveEvents.Limits limits, Clock clock) {
        return new LiveEvents(events, conversations, limits, clock);
    }
}
