package dev.pippa.bootstrap;

import dev.pippa.adapter.out.security.JwtAccessTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The HS256 key and token lifetime, when login is on. */
record TokenSigning(byte[] secret, Duration lifetime) {

    static TokenSigning from(Settings.Reader read) {
        return new TokenSigning(secret(read),
                Duration.ofSeconds(read.integer("pippa.jwt.ttl.seconds", 60, 30 * 24 * 3600)));
    }

    /** PIPPA_JWT_SECRET, else the bytes of PIPPA_JWT_KEY_FILE; either way at least 32 bytes. */
    private static byte[] secret(Settings.Reader read) {
        String secret = read.values().apply("pippa.jwt.secret");
        String keyFile = read.values().apply("pippa.jwt.key.file");
        String expected = "at least " + JwtAccessTokens.MIN_SECRET_BYTES + " bytes";
        if (secret != null && !secret.isBlank()) {
            byte[] bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < JwtAccessTokens.MIN_SECRET_BYTES) {
                throw new Settings.InvalidSettingException("pippa.jwt.secret", "(" + bytes.length + " bytes, hidden)",
                        "expected " + expected);
            }
            return bytes;
        }
        if (keyFile != null && !keyFile.isBlank()) {
            byte[] bytes;
            try {
                bytes = Files.readString(Path.of(keyFile.strip())).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new Settings.InvalidSettingException("pippa.jwt.key.file", keyFile, "a readable text file ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (bytes.length < JwtAccessTokens.MIN_SECRET_BYTES) {
                throw new Settings.InvalidSettingException("pippa.jwt.key.file", keyFile,
                        "a key of " + expected + ", the file has " + bytes.length);
            }
            return bytes;
        }
        throw new Settings.InvalidSettingException("pippa.jwt.secret", "", "a token signing secret of " + expected
                + " is required when pippa.auth=bearer: set PIPPA_JWT_SECRET or PIPPA_JWT_KEY_FILE"
                + " (or PIPPA_AUTH=none to run without login)");
    }
}
