package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gyrus.data.AtomicFile;

/**
 * The folder a run writes into, and the only place it writes. Every file or folder name Gyrus puts
 * there is checked to be one plain name that stays inside (names built from data — subject ids,
 * node ids, port names — included), and is recorded in a hidden manifest ({@value #MANIFEST}) before
 * it is written: Gyrus replaces an entry only if the manifest says an earlier run wrote it, so a
 * user's own file (say the pipeline file itself, when {@code --out} is its folder) is never
 * overwritten. Opening the folder checks that it can be used — a folder, writable, with some free
 * space — and removes hidden temporary files that a killed earlier run left.
 */
public final class OutputFolder {

    /** The manifest of the entries runs have written into the folder, one name per line. */
    public static final String MANIFEST = ".gyrus-manifest";

    /** Names that only Gyrus's own files may have: a name built from data may not take them. */
    public static final Set<String> RESERVED = Set.of("pipeline.gyrus.json", "provenance.json", "summary.tsv");

    /** Below this much free space a run is refused before it starts. */
    static final long MIN_FREE_BYTES = 32L << 20;

    private static final int MAX_NAME_BYTES = 255;
    /** Deep enough for a subject's report figures: OUT/SUBJECT/NODE.PORT/figures/x.png. */
    private static final int CLEAN_DEPTH = 5;

    private final Path dir;
    private final Set<String> written;
    /** Names given out by this instance, lower-cased (case-insensitive file systems), with what they were given for. */
    private final Map<String, String> given = new HashMap<>();

    private OutputFolder(Path dir, Set<String> written) {
        this.dir = dir;
        this.written = written;
    }

    /**
     * Opens {@code dir} (created if missing) for writing a run's results.
     *
     * @param what how to name the folder in messages, e.g. "The output folder (--out)"
     * @throws OutputFolderException if it is not a folder, cannot be created or written, or is nearly full
     */
    public static OutputFolder open(Path dir, String what) throws OutputFolderException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new OutputFolderException(what + " " + abs + " is a file, not a folder; choose a folder.");
        }
        // A missing folder is made when the first file is written (a run that does not validate leaves nothing);
        // whether it can be made is checked now, on the nearest folder that exists.
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new OutputFolderException(what + " " + abs + " cannot be created: " + existing + " is a file.");
        }
        if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
            throw new OutputFolderException(what + " " + abs + (existing.equals(abs) ? " is not writable: permission denied."
                    : " cannot be created in " + existing + ": permission denied."));
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                throw new OutputFolderException(what + " " + abs + " is on a nearly full disk (" + (free >> 20)
                        + " MB free); free some space or choose another folder.");
            }
        } catch (OutputFolderException e) {
            throw e;
        } catch (IOException e) {
            // The free space is unknown on some file systems; writing will tell.
        }
        Set<String> written = new LinkedHashSet<>();
        Path manifest = abs.resolve(MANIFEST);
        try {
            if (Files.isRegularFile(manifest)) {
                for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        written.add(line);
                    }
                }
            }
            // Temporaries of a run killed while writing: older than this process, so no run of ours is writing them.
            AtomicFile.deleteStaleTemporaries(abs, CLEAN_DEPTH, ProcessHandle.current().info().startInstant().orElse(Instant.now()));
        } catch (IOException e) {
            throw new OutputFolderException(what + " " + abs + " cannot be read (" + reason(e) + ").");
        }
        return new OutputFolder(abs, written);
    }

    /** The folder (absolute). */
    public Path path() {
        return dir;
    }

    /**
     * The path of one of Gyrus's own entries ({@code provenance.json}, {@code summary.tsv}...),
     * recorded in the manifest.
     *
     * @throws OutputFolderException if an entry of that name exists that Gyrus did not write
     */
    public Path own(String name) throws OutputFolderException {
        return claim(check(name, "The file name"), "Gyrus's " + name);
    }

    /**
     * The path of an entry whose name comes from data, recorded in the manifest.
     *
     * @param what what the name is, for messages: "the subject id 'sub-01'"
     * @throws OutputFolderException if the name is not one plain file name, is hidden, is one of
     *         {@link #RESERVED}, was already given out here, or names an entry Gyrus did not write
     */
    public Path entry(String name, String what) throws OutputFolderException {
        checkEntry(name, what);
        return claim(name, what);
    }

    /**
     * Checks everything {@link #entry} checks, without recording the name in the manifest: so
     * that a batch can check all its names before it writes anything.
     *
     * @throws OutputFolderException as {@link #entry} does
     */
    public void checkEntry(String name, String what) throws OutputFolderException {
        check(name, what);
        if (name.startsWith(".")) {
            throw new OutputFolderException(what + " starts with '.': such hidden names are Gyrus's own bookkeeping in "
                    + dir + ". Rename it.");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new OutputFolderException(what + " is the name of one of Gyrus's own files (" + String.join(", ", RESERVED.stream()
                    .sorted().toList()) + ") in " + dir + ". Rename it.");
        }
        give(name, what);
        if (isForeign(name)) {
            throw foreign(name, what);
        }
    }

    /**
     * Like {@link #entry} for a result named {@code base + extension}, but if that name holds an
     * entry Gyrus did not write, the result goes beside it as {@code base-2 + extension} (or
     * {@code -3}...) instead of failing a finished run.
     */
    public Path entryBeside(String base, String extension, String what) throws OutputFolderException {
        OutputFolderException first = null;
        for (int i = 1; i < 1000; i++) {
            String name = base + (i == 1 ? "" : "-" + i) + extension;
            try {
                return entry(name, what);
            } catch (OutputFolderException e) {
                if (!isForeign(name)) {
                    throw e;
                }
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /**
     * Checks, without recording it, that Gyrus may write its own entry {@code name}: refuses a run
     * before it starts rather than after.
     *
     * @throws OutputFolderException if an entry of that name exists that Gyrus did not write
     */
    public void checkOwn(String name) throws OutputFolderException {
        check(name, "The file name");
        if (isForeign(name)) {
            throw foreign(name, "Gyrus's " + name);
        }
    }

    /** Whether {@code name} exists here and is not in the manifest. */
    private boolean isForeign(String name) {
        return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS) && !written.contains(name);
    }

    private synchronized Path claim(String name, String what) throws OutputFolderException {
        Path p = dir.resolve(name).normalize();
        if (!p.getParent().equals(dir)) {
            throw new OutputFolderException(what + " would be written outside " + dir + ".");
        }
        give(name, what);
        if (isForeign(name)) {
            throw foreign(name, what);
        }
        if (written.add(name)) {
            try {
                Files.createDirectories(dir);
                AtomicFile.write(dir.resolve(MANIFEST), String.join("\n", written) + "\n");
            } catch (IOException e) {
                written.remove(name);
                throw new OutputFolderException("Cannot record " + name + " in " + dir.resolve(MANIFEST) + " (" + reason(e) + ").");
            }
        }
        return p;
    }

    /** Records that {@code name} is given out for {@code what}; one name (in any case) serves one purpose. */
    private synchronized void give(String name, String what) throws OutputFolderException {
        String earlier = given.putIfAbsent(name.toLowerCase(Locale.ROOT), what);
        if (earlier != null && !earlier.equals(what)) {
            throw new OutputFolderException(what + " and " + earlier + " would both be written as " + dir.resolve(name)
                    + " (names differing only in case are the same on some disks). Rename one.");
        }
    }

    private OutputFolderException foreign(String name, String what) {
        return new OutputFolderException(dir.resolve(name) + " already exists and was not written by Gyrus, so " + what
                + " cannot be written there: Gyrus never replaces files it did not write. Move it away, or choose another output folder.");
    }

    /** {@code name} if it is one plain, portable file name. */
    private String check(String name, String what) throws OutputFolderException {
        String problem = null;
        if (name == null || name.isEmpty()) {
            problem = "is empty";
        } else if (name.equals(".") || name.equals("..")) {
            problem = "is '" + name + "', which names a folder, not an entry of it";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problem = "holds a path separator ('/' or '\\')";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem = "holds a control character (a tab, line break or NUL)";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            problem = "is longer than " + MAX_NAME_BYTES + " bytes";
        }
        if (problem != null) {
            throw new OutputFolderException(what + " " + problem + ": it cannot name a file in " + dir + ".");
        }
        return name;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
