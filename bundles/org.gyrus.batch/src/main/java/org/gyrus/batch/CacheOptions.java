package org.gyrus.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.gyrus.pipeline.ResultCache;

import picocli.CommandLine.Option;

/** Where results are cached: {@code --no-cache}, {@code --cache-dir}, {@code --cache-size}. */
final class CacheOptions {

    /** Node results kept in memory besides the disk: few, because they may be whole cohorts of volumes. */
    private static final int MEMORY_ENTRIES = 8;

    @Option(names = "--no-cache", description = "Compute every node; neither read nor write the cache.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "The cache directory (default: $GYRUS_CACHE, else ~/.cache/gyrus).")
    String directory;

    @Option(names = "--cache-size", paramLabel = "SIZE", defaultValue = "${env:GYRUS_CACHE_SIZE:-10G}",
            description = "The most the cache may take on disk, e.g. 500M or 20G; least recently used results go first (default: ${DEFAULT-VALUE}).")
    String size;

    /** The cache, or null with --no-cache. */
    ResultCache open() {
        if (noCache) {
            return null;
        }
        Path dir = directory == null ? ResultCache.defaultDirectory() : WorkingDirectory.resolve(directory);
        try {
            return ResultCache.onDisk(dir, bytes(size), MEMORY_ENTRIES);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "The cache directory " + dir + " cannot be used (" + e.getMessage()
                    + "); choose another with --cache-dir, or run with --no-cache.", e);
        }
    }

    /** These options as a command line, the cache directory absolute: what a batch's SLURM tasks are given. */
    java.util.List<String> arguments() {
        if (noCache) {
            return java.util.List.of("--no-cache");
        }
        Path dir = directory == null ? ResultCache.defaultDirectory() : WorkingDirectory.resolve(directory);
        return java.util.List.of("--cache-dir", dir.toAbsolutePath().toString(), "--cache-size", size);
    }

    static long bytes(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty() && "KMGT".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMGT".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1);
        }
        try {
            double v = Double.parseDouble(s);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--cache-size '" + text + "' is not a size; write for example 500M or 20G.");
        }
    }
}
