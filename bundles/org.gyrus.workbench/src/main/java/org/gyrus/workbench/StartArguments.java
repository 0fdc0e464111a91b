package org.gyrus.workbench;

import java.nio.file.Path;
import java.util.Optional;

/** What `gyrus workbench [PIPELINE]` was started with: at most one pipeline file to open. */
public record StartArguments(Optional<Path> pipeline) {

    /** Reads the application arguments left over by the launcher; the first one not starting with '-' is the pipeline. */
    public static StartArguments parse(String[] args) {
        String cwd = System.getProperty("gyrus.cwd", System.getProperty("user.dir"));
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return new StartArguments(Optional.of(Path.of(cwd).resolve(arg).normalize()));
            }
        }
        return new StartArguments(Optional.empty());
    }
}
