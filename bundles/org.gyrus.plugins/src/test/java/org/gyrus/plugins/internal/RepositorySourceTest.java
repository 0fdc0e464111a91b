package org.gyrus.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gyrus.plugins.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a researcher may type as SOURCE, and what p2 is then asked to load. */
class RepositorySourceTest {

    @TempDir
    Path dir;

    @Test
    void foldersZipsAndUrls() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        assertEquals(site.toUri(), RepositorySource.parse("site", dir));
        assertEquals(site.toUri(), RepositorySource.parse(site.toUri().toString(), dir));
        Path zip = Files.writeString(dir.resolve("site.zip"), "PK");
        assertEquals(URI.create("jar:" + zip.toUri() + "!/"), RepositorySource.parse("site.zip", dir));
        assertEquals(URI.create("https://example.org/gyrus/site"), RepositorySource.parse("https://example.org/gyrus/site", dir));
    }

    @Test
    void mistakesAreNamed() throws Exception {
        PluginException missing = assertThrows(PluginException.class, () -> RepositorySource.parse("nothing", dir));
        assertEquals(PluginException.Kind.BAD_SOURCE, missing.kind());
        assertEquals("no repository at nothing: " + dir.resolve("nothing") + " does not exist", missing.getMessage());
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertTrue(assertThrows(PluginException.class, () -> RepositorySource.parse("notes.txt", dir)).getMessage()
                .startsWith("notes.txt is a file but not a zipped repository"));
        assertTrue(assertThrows(PluginException.class, () -> RepositorySource.parse("http://exa mple.org", dir)).getMessage()
                .startsWith("'http://exa mple.org' is not a valid URL"));
        assertTrue(assertThrows(PluginException.class, () -> RepositorySource.parse(" ", dir)).getMessage()
                .startsWith("no repository given"));
    }
}
