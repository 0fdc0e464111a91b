package org.gyrus.plugins.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.PluginException.Kind;

/** Turns what a researcher types as SOURCE (a URL, a zipped repository, a folder) into the URI p2 loads. */
final class RepositorySource {

    private static final Pattern URL = Pattern.compile("^(?i)(file|https?|jar):.*");

    private RepositorySource() {
    }

    /** Where the researcher typed the command: the launcher passes it as {@code gyrus.cwd}. */
    static Path workingDirectory() {
        String cwd = System.getProperty("gyrus.cwd");
        return Path.of(cwd == null || cwd.isBlank() ? "" : cwd).toAbsolutePath();
    }

    /**
     * The repository URI for {@code source}; relative paths are taken from {@code cwd}.
     *
     * @throws PluginException (BAD_SOURCE) when a local path does not exist or is neither a folder nor a zip file
     */
    static URI parse(String source, Path cwd) throws PluginException {
        if (source == null || source.isBlank()) {
            throw new PluginException(Kind.BAD_SOURCE, "no repository given: name a p2 repository URL, a zipped repository or a folder");
        }
        if (URL.matcher(source).matches()) {
            try {
                URI uri = new URI(source);
                if ("file".equalsIgnoreCase(uri.getScheme()) && uri.getPath() != null) {
                    return local(Path.of(uri), source);
                }
                return uri;
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new PluginException(Kind.BAD_SOURCE, "'" + source + "' is not a valid URL: " + e.getMessage());
            }
        }
        return local(cwd.resolve(source).toAbsolutePath().normalize(), source);
    }

    private static URI local(Path path, String source) throws PluginException {
        if (Files.isDirectory(path)) {
            return path.toUri();
        }
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip") || name.endsWith(".jar")) {
                return URI.create("jar:" + path.toUri() + "!/");
            }
            throw new PluginException(Kind.BAD_SOURCE, source + " is a file but not a zipped repository (.zip): give the"
                    + " repository's folder, its zip file or its URL");
        }
        throw new PluginException(Kind.BAD_SOURCE, "no repository at " + source + ": " + path + " does not exist");
    }
}
