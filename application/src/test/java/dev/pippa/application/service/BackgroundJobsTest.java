package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.JobObserver;
import dev.pippa.application.port.out.Summarizer;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.application.testing.InMemoryJobStore;
import dev.pippa.application.testing.MutableClock;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.application.port.out.SummaryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackgroundJobsTest {

    private static final OwnerId OWNER = new OwnerId("background");
    private static final BackgroundJobs.Policy POLICY =
            new BackgroundJobs.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    private final UseCasesOver conversations = new UseCasesOver(new InMemoryConversationStore(), clock,
            MessageJobs.NONE);
    private final List<MessageId> indexed = new ArrayList<>();
    private final Map<ConversationId, Summary> summaries = new HashMap<>();
    private final List<JobObserver.Outcome> outcomes = new ArrayList<>();
    private RuntimeException indexFailure;

    private final MessageSearch search = new MessageSearch() {
        @Override
        public void indexMessages(List<MessageId> messageIds) {
            if (indexFailure != null) {
                throw indexFailure;
            }
            indexed.addAll(messageIds);
        }

        @Override
        public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
            throw new UnsupportedOperationException();
        }
    };

    private final SummaryStore summaryStore = new SummaryStore() {
        @Override
        public Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId) {
            return Optional.ofNullable(summaries.get(conversationId));
        }

        @Override
        public void saveSummary(OwnerId owner, Summary summary, NewEvent whenKept) {
            summaries.merge(summary.conversationId(), summary,
                    (stored, next) -> next.messageCountCovered() > stored.messageCountCovered() ? next : stored);
        }

        @Override
        public List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit) {
            if (conversations.findConversation(owner, conversationId).isEmpty()) {
                return List.of();
            }
            List<Message> all = new ArrayList<>();
            Page<Message> page = null;
            do {
                page = conversations.listMessages(owner, conversationId, new PageRequest(PageRequest.MAX_LIMIT,
                        SortOrder.ASC, page == null ? null : page.nextCursor()));
                all.addAll(page.items());
            } while (page.hasMore());
            return all.stream().filter(message -> after == null || message.id().value().compareTo(after.value()) > 0)
                    .limit(limit).toList();
        }
    };

    /** Each call: the sizes folded so far, e.g. "100 + 100 + 50 messages, last: m250". */
    private final List<Integer> summarizedSizes = new ArrayList<>();
    private Duration summarizerTakes = Duration.ZERO;
    private final Summarizer countingSummarizer = (current, messages) -> {
        summarizedSizes.add(messages.size());
        clock.advance(summarizerTakes);
        return current.map(text -> text.substring(0, text.indexOf(" messages")) + " + ").orElse("")
                + messages.size() + " messages, last: " + messages.getLast().content();
    };
    private final BackgroundJobs background = new BackgroundJobs(jobs, search, summaryStore, countingSummarizer,
            (kind, outcome, since) -> outcomes.add(outcome), POLICY, clock);

    private Message post(Conversation conversation, String content) {
        Message message = conversations.appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, content, null));
        long messageCount = conversations.findConversation(OWNER, conversation.id()).orElseThrow().messageCount();
        jobs.enqueueJobs(BackgroundJobs.causedBy(3).jobsFor(OWNER, message, messageCount));
        return message;
    }

    @Test
    void givenMessages_whenTheirJobsRun_thenEachIsIndexedAndEveryThirdMessageSummarisesTheConversation() {
        Conversation conversation = conversations.createConversation(OWNER, new NewConversation("c", null));
        List<Message> posted = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            posted.add(post(conversation, "m" + i));
        }

        int ran = background.runDue(100);

        assertThat(ran).isEqualTo(5); // four index jobs, one summary (after the third message)
        assertThat(indexed).containsExactlyElementsOf(posted.stream().map(Message::id).toList());
        Summary summary = summaries.get(conversation.id());
        assertThat(summary.text()).isEqualTo("4 messages, last: m4"); // made from the conversation as it is now
        assertThat(summary.coversThroughMessageId()).isEqualTo(posted.getLast().id());
        assertThat(summary.messageCountCovered()).isEqualTo(4);
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(0, 0, 0));
        assertThat(outcomes).containsOnly(JobObserver.Outcome.COMPLETED);
    }

    @Test
    void givenASummary_whenMoreMessagesArrive_thenTheNextJobFoldsOnlyTheNewOnesIntoIt() {
        Conversation conversation = conversations.createConversation(OWNER, new NewConversation("c", null));
        for (int i = 1; i <= 3; i++) {
            post(conversation, "m" + i);
        }
        background.runDue(100);
        List<Message> later = List.of(post(conversation, "m4"), post(conversation, "m5"), post(conversation, "m6"));

        background.runDue(100);

        Summary summary = summaries.get(conversation.id());
        assertThat(summary.text()).isEqualTo("3 + 3 messages, last: m6");
        assertThat(summarizedSizes).containsExactly(3, 3);
        assertThat(summary.coversThroughMessageId()).isEqualTo(later.getLast().id());
        assertThat(summary.messageCountCovered()).isEqualTo(6);
    }

    @Test
    void givenALongBacklog_whenSummarised_thenFoldedInBoundedChunksCoveringEveryMessage() {
        Conversation conversation = conversations.createConversation(OWNER, new NewConversation("long", null));
        int count = 2 * BackgroundJobs.SUMMARY_CHUNK + 50;
        Message last = null;
        for (int i = 1; i <= count; i++) {
            last = conversations.appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "m" + i, null));
        }
        jobs.enqueueJobs(List.of(new NewJob(BackgroundJobs.SUMMARIZE, OWNER, conversation.id(), null)));

        background.runDue(10);

        assertThat(summarizedSizes).containsExactly(BackgroundJobs.SUMMARY_CHUNK, BackgroundJobs.SUMMARY_CHUNK, 50);
        Summary summary = summaries.get(conversation.id());
        assertThat(summary.text()).isEqualTo("100 + 100 + 50 messages, last: m" + count);
        assertThat(summary.coversThroughMessageId()).isEqualTo(last.id());
        assertThat(summary.messageCountCovered()).isEqualTo(count);
    }

    @Test
    void givenASlowSummariser_whenHalfTheLeaseIsUsed_thenNoMoreCallsStartAndANewJobGoesOnWithTheRest() {
        Conversation conversation = conversations.createConversation(OWNER, new NewConversation("slow", null));
        int count = 3 * BackgroundJobs.SUMMARY_CHUNK + 50;
        for (int i = 1; i <= count; i++) {
            conversations.appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "m" + i, null));
        }
        jobs.enqueueJobs(List.of(new NewJob(BackgroundJobs.SUMMARIZE, OWNER, conversation.id(), null)));
        summarizerTakes = POLICY.lease().dividedBy(5); // the third call ends past half the lease

        background.runDue(10);

        assertThat(summarizedSizes).hasSize(3);
        assertThat(summaries.get(conversation.id()).messageCountCovered()).isEqualTo(3 * BackgroundJobs.SUMMARY_CHUNK);
        assertThat(jobs.countJobs().pending()).as("a new job for the rest").isEqualTo(1);

        background.runDue(10);

        assertThat(summarizedSizes).endsWith(50);
        assertThat(summaries.get(conversation.id()).messageCountCovered()).isEqualTo(count);
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(0, 0, 0));
    }

    @Test
    void givenAFailingHandler_whenRun_thenRetriedWithGrowingDelaysThenFailedForGood() {
        jobs.enqueueJobs(List.of(new NewJob(BackgroundJobs.INDEX_MESSAGE, OWNER,
                ConversationId.next(dev.pippa.domain.TimeOrderedIds.shared()),
                MessageId.next(dev.pippa.domain.TimeOrderedIds.shared()))));
        indexFailure = new IllegalStateException("index unavailable");

        assertThat(background.runDue(10)).isEqualTo(1);
        assertThat(background.runDue(10)).as("not due before its first retry delay").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(background.runDue(10)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(background.runDue(10)).as("the second delay is twice the first").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(background.runDue(10)).isEqualTo(1);

        assertThat(outcomes).containsExactly(JobObserver.Outcome.RETRIED, JobObserver.Outcome.RETRIED,
                JobObserver.Outcome.FAILED);
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(0, 0, 1));
    }

    @Test
    void givenASummaryJobForADeletedConversation_whenRun_thenItCompletesWithoutASummary() {
        Conversation conversation = conversations.createConversation(OWNER, new NewConversation("gone", null));
        jobs.enqueueJobs(List.of(new NewJob(BackgroundJobs.SUMMARIZE, OWNER, conversation.id(), null)));
        conversations.deleteConversation(OWNER, conversation.id());

        background.runDue(10);

        assertThat(summaries).isEmpty();
        assertThat(outcomes).containsExactly(JobObserver.Outcome.COMPLETED);
    }
}
