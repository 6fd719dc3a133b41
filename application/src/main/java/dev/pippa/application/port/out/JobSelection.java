package dev.pippa.application.port.out;

/**
 * Which jobs a worker takes: every kind, only one kind, or every kind but one. Generations run on their
 * own workers ({@code only("generate_response")}) so a minute-long reply never holds up indexing.
 *
 * @param kind the kind named, or null for every kind
 * @param only true: only that kind; false: all others
 */
public record JobSelection(String kind, boolean only) {

    public static final JobSelection EVERY = new JobSelection(null, false);

    public static JobSelection only(String kind) {
        return new JobSelection(kind, true);
    }

    public static JobSelection allBut(String kind) {
        return new JobSelection(kind, false);
    }

    public boolean takes(String jobKind) {
        return kind == null || kind.equals(jobKind) == only;
    }
}
