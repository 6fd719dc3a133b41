package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.StoredFile;
import java.util.List;

/**
 * The knowledge base: files a user uploads for retrieval. Each is processed in the background (text taken
 * out, split into chunks, each chunk embedded) and then found by meaning in search ({@code sources=files})
 * and, attached to a conversation, retrieved into that conversation's generated replies. Every call is
 * scoped by owner: another owner's file behaves as absent (404).
 */
public interface FileUseCases {

    /**
     * Stores the file as {@code processing}.
     *
     * @throws UnsupportedFileTypeException when its bytes are no type Pippa reads
     */
    StoredFile upload(OwnerId owner, String name, byte[] content);

    /** Newest first. */
    Page<StoredFile> list(OwnerId owner, PageRequest page);

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such file */
    StoredFile get(OwnerId owner, FileId id);

    /** Deletes it with its chunks and attachments. @throws dev.pippa.domain.NotFoundException when absent */
    void delete(OwnerId owner, FileId id);

    /** @throws dev.pippa.domain.NotFoundException when the conversation or the file is not the owner's */
    void attach(OwnerId owner, ConversationId conversation, FileId file);

    /** @throws dev.pippa.domain.NotFoundException when the file is not attached there */
    void detach(OwnerId owner, ConversationId conversation, FileId file);

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    List<StoredFile> attached(OwnerId owner, ConversationId conversation);
}
