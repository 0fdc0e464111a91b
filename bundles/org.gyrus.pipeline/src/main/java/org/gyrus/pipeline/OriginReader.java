package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@link PipelineOrigin} stamped into a file of one format (a NIfTI header extension,
 * say). A bundle that writes such files contributes one as an OSGi service, so that
 * {@link OriginFinder} and the front ends read every format without naming the bundle.
 */
public interface OriginReader {

    /**
     * The origin stamped into {@code file}.
     *
     * @return empty when the file is not of this reader's format or carries no stamp
     * @throws IOException naming the file when it is of this format and carries a stamp that is
     *                     damaged, or cannot be read
     */
    Optional<PipelineOrigin> read(Path file) throws IOException;
}
