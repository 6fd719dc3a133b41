package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.TokenCounter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.Role;
import dev.pippa.domain.Summary;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.generation.ContextSent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The context-building rules, with a counter where every word is one token and a message costs one more. */
class ContextWindowTest {

    private static final ConversationId CONVERSATION = new ConversationId("conv_01J00000000000000000000000");
    private static final TokenCounter WORDS = new TokenCounter() {
        @Override
        public int count(String text) {
            return text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }

        @Override
        public int perMessageOverhead() {
            return 1;
        }
    };

    private final ContextWindow window = new ContextWindow(WORDS);

    /** Messages "m0 ..." to "m{n-1} ...", each of {@code words} words, newest first. */
    private static List<Message> newestFirst(int count, int words) {
        List<Message> messages = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            messages.add(new Message(new MessageId(String.format("msg_01J%023d", i)), CONVERSATION,
                    i % 2 == 0 ? Role.USER : Role.ASSISTANT, ("m" + i + " ").repeat(words).strip(), Metadata.EMPTY,
                    Instant.EPOCH.plusSeconds(i)));
        }
        return messages;
    }

    private static final Summary SUMMARY = new Summary(CONVERSATION, "they planned a trip", new MessageId(
            "msg_01J00000000000000000000005"), 6, Instant.EPOCH);

    @Test
    void givenRelatedEarlierMessages_whenTheHistoryDoesNotFitWhole_thenTheyAreRecalledWithinAQuarterOfTheBudget() {
        List<Message> older = newestFirst(20, 3).subList(10, 20); // m9 .. m0, newest first
        List<Message> latest = newestFirst(20, 3).subList(0, 10); // m19 .. m10
        List<Message> related = List.of(older.get(7), older.get(2), older.get(4), older.get(0)); // m2, m7, m5, m9

        ContextWindow.Plan plan = window.build("Be brief.", Optional.empty(), latest, true, related, List.of(), 100);

        String recalled = plan.turns().get(1).content();
        assertThat(plan.turns().get(1).role()).isEqualTo("system");
        assertThat(recalled).startsWith(ContextWindow.RECALLED_PREFIX).contains("user: m2 m2 m2")
                .contains("assistant: m5 m5 m5").contains("assistant: m7 m7 m7").as("over a quarter of 100")
                .doesNotContain("m9");
        assertThat(recalled.indexOf("m2 m2")).as("oldest first").isLessThan(recalled.indexOf("m5 m5"));
        assertThat(recalled.indexOf("m5 m5")).isLessThan(recalled.indexOf("m7 m7"));
        assertThat(plan.messageIds()).startsWith(older.get(7).id(), older.get(4).id(), older.get(2).id())
                .endsWith(latest.getFirst().id()).hasSize(13);
        assertThat(plan.inputTokens()).isLessThanOrEqualTo(100);
        assertThat(window.build("Be brief.", Optional.empty(), newestFirst(3, 4), false, related, List.of(), 100).turns())
                .as("nothing recalled when the whole conversation fits").hasSize(4);
    }

    @Test
    void givenPassagesOfAttachedFiles_whenBuilt_thenTheMostRelatedThatFitAreNumberedAndCitedEvenIfTheHistoryFits() {
        FileId faq = new FileId("file_01J00000000000000000000000");
        List<FileStore.Chunk> passages = List.of(new FileStore.Chunk(faq, "faq.txt", 2, "refunds take fourteen days"),
                new FileStore.Chunk(faq, "faq.txt", 0, "returns are free"),
                new FileStore.Chunk(faq, "faq.txt", 1, ("long ").repeat(40).strip()));

        ContextWindow.Plan plan = window.build("Be brief.", Optional.empty(), newestFirst(3, 4), false, List.of(),
                passages, 160);

        String header = plan.turns().getFirst().content();
        assertThat(header).startsWith("Be brief.").contains(ContextWindow.PASSAGES_PREFIX)
                .contains("[1] faq.txt, part 3: refunds take fourteen days").contains("[2] faq.txt, part 1: returns are free")
                .as("over a quarter of 160").doesNotContain("long long");
        assertThat(plan.citations()).containsExactly(new ContextSent.Citation(faq, 2), new ContextSent.Citation(faq, 0));
        assertThat(plan.turns()).hasSize(4);
        assertThat(plan.inputTokens()).isLessThanOrEqualTo(160);
    }

    @Test
    void givenAHistoryThatFits_whenBuilt_thenEveryMessageOldestFirstAndNoSummary() {
        ContextWindow.Plan plan = window.build("Be brief.", Optional.of(SUMMARY), newestFirst(3, 4), false, List.of(), List.of(), 100);

        assertThat(plan.turns()).extracting(ChatModel.Turn::content)
                .containsExactly("Be brief.", "m0 m0 m0 m0", "m1 m1 m1 m1", "m2 m2 m2 m2");
        assertThat(plan.turns().get(1).role()).isEqualTo("user");
        assertThat(plan.summaryUsed()).isFalse();
        assertThat(plan.inputTokens()).isEqualTo(3 + 3 * 5);
    }

    @Test
    void givenAHistoryOverTheBudget_whenBuilt_thenTheSummaryAndTheNewestMessagesThatStillFit() {
        // 10 messages of 5 tokens each = 50; budget 30: instructions 3, summary 5 ("Summary of..." 8 words + 1).
        ContextWindow.Plan plan = window.build("Be brief.", Optional.of(SUMMARY), newestFirst(10, 4), false, List.of(), List.of(), 30);

        assertThat(plan.summaryUsed()).isTrue();
        assertThat(plan.turns().get(1).content()).isEqualTo(ContextWindow.SUMMARY_PREFIX + "they planned a trip");
        assertThat(plan.turns().subList(2, plan.turns().size())).extracting(ChatModel.Turn::content)
                .containsExactly("m7 m7 m7 m7", "m8 m8 m8 m8", "m9 m9 m9 m9");
        assertThat(plan.inputTokens()).isLessThanOrEqualTo(30);
    }

    @Test
    void givenOlderMessagesNotOffered_whenBuilt_thenTheSummaryStandsInForThem() {
        ContextWindow.Plan plan = window.build("Be brief.", Optional.of(SUMMARY), newestFirst(2, 2), true, List.of(), List.of(), 100);

        assertThat(plan.summaryUsed()).isTrue();
        assertThat(plan.messageIds()).hasSize(2);
    }

    @Test
    void givenANewestMessageLargerThanTheBudget_whenBuilt_thenItIsStillSentAlone() {
        ContextWindow.Plan plan = window.build("Be brief.", Optional.empty(), newestFirst(3, 50), false, List.of(), List.of(), 20);

        assertThat(plan.turns()).extracting(ChatModel.Turn::content).hasSize(2).last().asString().startsWith("m2");
        assertThat(plan.summaryUsed()).isFalse();
    }
}
