package org.parley.msrp.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns names that come from the network (a Content-Disposition file name, a Message-ID) into names of new files in
 * one directory. A peer chooses these names, so nothing it sends may reach outside the directory, replace a file, or
 * make a name the file system or a shell would read specially.
 */
public final class FileNames {

    /** Most file systems allow 255 bytes per name; the margin leaves room for a "-NNN" suffix. */
    private static final int MAX_NAME_BYTES = 200;

    private FileNames() {
    }

    /**
     * Makes a name safe as one file name: only what follows the last {@code /} or {@code \} is kept; control
     * characters and characters Windows forbids become {@code _}; leading dots and spaces go (no {@code ..}, no
     * hidden files), as do trailing dots and spaces; the name is cut to 200 bytes of UTF-8.
     *
     * @param name a name from the peer, or null
     * @return a safe name, or the empty string when nothing usable is left
     */
    public static String sanitize(String name) {
        if (name == null) {
            return "";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0 || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                c = '_';
            }
            int length = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > MAX_NAME_BYTES) {
                break;
            }
            safe.appendCodePoint(c);
            bytes += length;
        }
        int start = 0;
        while (start < safe.length() && (safe.charAt(start) == '.' || safe.charAt(start) == ' ')) {
            start++;
        }
        int end = safe.length();
        while (end > start && (safe.charAt(end - 1) == '.' || safe.charAt(end - 1) == ' ')) {
            end--;
        }
        return safe.substring(start, end);
    }

    /**
     * Creates a new, empty file in {@code directory} under the first free name among {@code name},
     * {@code name-1}, {@code name-2}, ... (the number goes before the extension: {@code report-1.pdf}). Creating it
     * reserves the name atomically, so two messages with the same name never share a file and an existing file is
     * never replaced.
     *
     * @param directory where to create the file
     * @param safeName a name from {@link #sanitize(String)}, not empty
     * @return the new file
     * @throws IOException if no file can be created there
     */
    public static Path createUnique(Path directory, String safeName) throws IOException {
        if (safeName.isEmpty()) {
            throw new IllegalArgumentException("an empty file name");
        }
        int dot = safeName.lastIndexOf('.');
        String stem = dot > 0 ? safeName.substring(0, dot) : safeName;
        String extension = dot > 0 ? safeName.substring(dot) : "";
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve(attempt == 0 ? safeName : stem + "-" + attempt + extension);
            if (!directory.equals(candidate.getParent())) {
                // sanitize() leaves no separator, but the check costs nothing and guards against a misuse.
                throw new IOException("file name " + safeName + " leaves " + directory);
            }
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10_000) {
                    throw new IOException("no free file name for " + safeName + " in " + directory, e);
                }
            }
        }
    }
}
