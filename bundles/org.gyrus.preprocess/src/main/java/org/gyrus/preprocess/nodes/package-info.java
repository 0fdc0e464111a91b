/**
 * The preprocessing node types: thin Declarative Services components over the plain algorithms
 * of {@code org.gyrus.preprocess}. Each fitting node outputs its model as a
 * {@link org.gyrus.data.ModelArtifact} (and the transformed training table); the one
 * "Apply preprocessing model" node applies any of them to another table, so that a model fitted
 * on a training split is applied, never refitted, on a test split.
 */
package org.gyrus.preprocess.nodes;
