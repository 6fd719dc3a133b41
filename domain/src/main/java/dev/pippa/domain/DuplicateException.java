package dev.pippa.domain;

/** The resource cannot be created because one with the same unique {@link #field()} already exists. */
public final class DuplicateException extends DomainException {

    private final String resource;
    private final String field;

    public DuplicateException(String resource, String field) {
        super("a " + resource + " with this " + field + " already exists");
        this.resource = resource;
        this.field = field;
    }

    public String resource() {
        return resource;
    }

    public String field() {
        return field;
    }
}
