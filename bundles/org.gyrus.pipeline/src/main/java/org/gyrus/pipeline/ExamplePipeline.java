package org.gyrus.pipeline;

import java.nio.file.Path;

/**
 * A ready-made pipeline that a bundle contributes as an OSGi service, such as the demo that
 * {@code gyrus demo} runs (contributed by the samples bundle). The bundle that owns the example
 * names the node types it uses; front ends find examples by name, so they never name a node type.
 */
public interface ExamplePipeline {

    /** The name a front end finds it by, e.g. {@code demo}. */
    String name();

    /** One line for listings. */
    String summary();

    /**
     * The pipeline, built from the node types installed in {@code registry}: steps whose node
     * types are missing may be left out.
     *
     * @param outDir the folder that writer nodes in the example write to
     * @throws IllegalStateException if a node type the example cannot do without is not installed
     */
    Pipeline build(NodeRegistry registry, Path outDir);
}
