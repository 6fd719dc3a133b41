package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.Role;
import dev.pippa.domain.TimeOrderedIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The built-in summariser on a realistic sample conversation shipped as test data (travel planning). */
class ExtractiveSummarizerTest {

    static List<Message> sampleConversation() throws IOException {
        List<Message> messages = new ArrayList<>();
        ConversationId conversation = ConversationId.next(TimeOrderedIds.shared());
        try (InputStream in = ExtractiveSummarizerTest.class.getResourceAsStream("/sample-conversation.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(": ");
                messages.add(new Message(MessageId.next(TimeOrderedIds.shared()), conversation,
                        Role.fromWireName(line.substring(0, colon)), line.substring(colon + 2), Metadata.EMPTY,
                        Instant.now()));
            }
        }
        return messages;
    }

    /** Roughly one token per four characters of English, as common tokenizers average. */
    private static int roughTokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Test
    void givenTheSampleConversation_whenSummarised_thenMuchShorterKeepingSentencesInOrderWithoutTheSystemPrompt()
            throws IOException {
        List<Message> conversation = sampleConversation();
        int conversationCharacters = conversation.stream().mapToInt(m -> m.content().length()).sum();

        String summary = new ExtractiveSummarizer(600).summarize(Optional.empty(), conversation);

        System.out.printf("summary: %d messages, %d characters (~%d tokens) -> %d characters (~%d tokens), %.0f%%%n",
                conversation.size(), conversationCharacters, roughTokens(conversationString(conversation)),
                summary.length(), roughTokens(summary), 100.0 * summary.length() / conversationCharacters);
        System.out.println(summary);
        assertThat(summary.length()).isLessThan(conversationCharacters / 5);
        assertIsAnOrderedExtractOf(summary, conversation);
    }

    @Test
    void givenTheSampleConversation_whenFoldedInPartsAsTheJobsDo_thenStillAShortOrderedExtract() throws IOException {
        List<Message> conversation = sampleConversation();
        ExtractiveSummarizer summarizer = new ExtractiveSummarizer(600);

        String firstPart = summarizer.summarize(Optional.empty(), conversation.subList(0, 20));
        String summary = summarizer.summarize(Optional.of(firstPart), conversation.subList(20, conversation.size()));

        System.out.printf("rolling summary (20 messages, then 6 more): %d characters (~%d tokens)%n",
                summary.length(), roughTokens(summary));
        System.out.println(summary);
        assertIsAnOrderedExtractOf(summary, conversation);
        assertThat(summary).isNotEqualTo(firstPart);
    }

    /** At most 600 characters of user and assistant sentences, each from the conversation, in its order. */
    private static void assertIsAnOrderedExtractOf(String summary, List<Message> conversation) {
        assertThat(summary.length()).isLessThanOrEqualTo(600).isPositive();
        assertThat(summary).doesNotContain("helpful travel assistant");
        String[] lines = summary.split("\n");
        assertThat(lines).allMatch(line -> line.startsWith("user: ") || line.startsWith("assistant: "));
        List<Integer> positions = new ArrayList<>();
        String transcript = conversationString(conversation);
        for (String line : lines) {
            positions.add(transcript.indexOf(line.substring(line.indexOf(": ") + 2)));
        }
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    private static String conversationString(List<Message> conversation) {
        StringBuilder text = new StringBuilder();
        conversation.forEach(m -> text.append(m.content()).append('\n'));
        return text.toString();
    }

    @Test
    void givenAShortConversation_whenSummarised_thenItFitsWhole() {
        ConversationId id = ConversationId.next(TimeOrderedIds.shared());
        List<Message> messages = List.of(
                new Message(MessageId.next(TimeOrderedIds.shared()), id, Role.USER, "Book a table for two.", Metadata.EMPTY, Instant.now()),
                new Message(MessageId.next(TimeOrderedIds.shared()), id, Role.ASSISTANT, "Booked for eight.", Metadata.EMPTY, Instant.now()));

        assertThat(new ExtractiveSummarizer(600).summarize(Optional.empty(), messages))
                .isEqualTo("user: Book a table for two.\nassistant: Booked for eight.");
    }

    @Test
    void givenASummarySoFar_whenNewMessagesFit_thenItsLinesStayAheadOfThem() {
        ConversationId id = ConversationId.next(TimeOrderedIds.shared());
        List<Message> newer = List.of(new Message(MessageId.next(TimeOrderedIds.shared()), id, Role.ASSISTANT,
                "Booked for eight.", Metadata.EMPTY, Instant.now()));

        assertThat(new ExtractiveSummarizer(600).summarize(Optional.of("user: Book a table for two."), newer))
                .isEqualTo("user: Book a table for two.\nassistant: Booked for eight.");
    }
}
