package dev.pippa.domain;

/** The conversation or message does not exist, or does not belong to the caller (the two are indistinguishable). */
public final class NotFoundException extends DomainException {

    private final String resource;
    private final String id;

    public NotFoundException(String resource, String id) {
        super(resource + " " + id + " was not found");
        this.resource = resource;
        this.id = id;
    }

    public String resource() {
        return resource;
    }

    public String id() {
        return id;
    }
}
