package dev.pippa.application.service;

import dev.pippa.application.port.out.Summarizer;
import dev.pippa.domain.Message;
import dev.pippa.domain.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The built-in summariser, needing no external service: picks the most representative sentences (scored
 * by how frequent their words are across the text, a classic frequency-based extractive method) and keeps
 * them in their original order, up to a character budget. The current summary's lines compete with the
 * new messages' sentences, so what mattered earlier stays until newer sentences outweigh it. System and
 * tool messages are skipped: they are instructions and data, not the conversation.
 */
public final class ExtractiveSummarizer implements Summarizer {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])\\s+|\\n+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern SPEAKER = Pattern.compile("^(user|assistant): ");
    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "and", "or", "but", "is", "are", "was",
            "were", "be", "to", "of", "in", "on", "for", "with", "it", "that", "this", "i", "you", "we", "they",
            "he", "she", "my", "your", "our", "at", "as", "by", "from", "so", "do", "does", "did", "can", "could",
            "would", "should", "will", "have", "has", "had", "not", "no", "yes", "if", "then", "there", "what",
            "which", "me", "us", "them", "its", "also", "just", "about", "into", "than", "too", "very");

    private final int maxCharacters;

    /** @param maxCharacters the longest summary it writes */
    public ExtractiveSummarizer(int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    /** A line the summary may show, and the part of it that is scored (without the speaker). */
    private record Candidate(String line, String text) {
    }

    @Override
    public String summarize(Optional<String> current, List<Message> messages) {
        List<Candidate> candidates = new ArrayList<>();
        current.ifPresent(summary -> summary.lines().filter(line -> !line.isBlank())
                .forEach(line -> candidates.add(new Candidate(line, SPEAKER.matcher(line).replaceFirst("")))));
        for (Message message : messages) {
            if (message.role() == Role.USER || message.role() == Role.ASSISTANT) {
                for (String sentence : SENTENCE_END.split(message.content().strip())) {
                    if (!sentence.isBlank()) {
                        candidates.add(new Candidate(message.role().wireName() + ": " + sentence.strip(), sentence.strip()));
                    }
                }
            }
        }
        Map<String, Integer> frequency = new HashMap<>();
        List<List<String>> words = candidates.stream().map(candidate -> words(candidate.text())).toList();
        words.forEach(sentence -> sentence.forEach(word -> frequency.merge(word, 1, Integer::sum)));
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            List<String> sentence = words.get(i);
            scores[i] = new HashSet<>(sentence).stream().mapToDouble(frequency::get).sum()
                    / Math.max(4, Math.sqrt(sentence.size()) * 2);
        }
        List<Integer> chosen = new ArrayList<>();
        int length = 0;
        for (int i : IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed()).toList()) {
            int added = candidates.get(i).line().length() + 1;
            if (length + added <= maxCharacters) {
                chosen.add(i);
                length += added;
            }
        }
        chosen.sort(Comparator.naturalOrder());
        return String.join("\n", chosen.stream().map(i -> candidates.get(i).line()).toList());
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
