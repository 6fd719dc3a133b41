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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in summariser, needing no external service: picks the conversation's most representative
 * sentences (scored by how frequent their words are across the conversation, a classic frequency-based
 * extractive method) and keeps them in their original order, up to a character budget. System and tool
 * messages are skipped: they are instructions and data, not the conversation.
 */
public final class ExtractiveSummarizer implements Summarizer {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])\\s+|\\n+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
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

    private record Sentence(int position, String speaker, String text, double score) {
    }

    @Override
    public String summarize(List<Message> messages) {
        List<Sentence> sentences = new ArrayList<>();
        Map<String, Integer> frequency = new HashMap<>();
        List<String[]> raw = new ArrayList<>();
        for (Message message : messages) {
            if (message.role() != Role.USER && message.role() != Role.ASSISTANT) {
                continue;
            }
            for (String sentence : SENTENCE_END.split(message.content().strip())) {
                if (sentence.isBlank()) {
                    continue;
                }
                raw.add(new String[] {message.role().wireName(), sentence.strip()});
                for (String word : words(sentence)) {
                    frequency.merge(word, 1, Integer::sum);
                }
            }
        }
        for (int i = 0; i < raw.size(); i++) {
            List<String> words = words(raw.get(i)[1]);
            Set<String> distinct = new HashSet<>(words);
            double score = distinct.stream().mapToDouble(word -> frequency.getOrDefault(word, 0)).sum()
                    / Math.max(4, Math.sqrt(words.size()) * 2);
            sentences.add(new Sentence(i, raw.get(i)[0], raw.get(i)[1], score));
        }
        List<Sentence> chosen = new ArrayList<>();
        int length = 0;
        for (Sentence sentence : sentences.stream().sorted(Comparator.comparingDouble(Sentence::score).reversed()).toList()) {
            int added = sentence.speaker().length() + 2 + sentence.text().length() + 1;
            if (length + added <= maxCharacters) {
                chosen.add(sentence);
                length += added;
            }
        }
        chosen.sort(Comparator.comparingInt(Sentence::position));
        StringBuilder summary = new StringBuilder();
        for (Sentence sentence : chosen) {
            summary.append(summary.isEmpty() ? "" : "\n").append(sentence.speaker()).append(": ").append(sentence.text());
        }
        return summary.toString();
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
