/**
 * Preprocessing of tables for learning, with scikit-learn 1.2's semantics: imputers
 * ({@link org.gyrus.preprocess.SimpleImputer}, {@link org.gyrus.preprocess.KnnImputer},
 * {@link org.gyrus.preprocess.IterativeImputer}), encoders ({@link org.gyrus.preprocess.OneHotEncoder},
 * {@link org.gyrus.preprocess.OrdinalEncoder}), scalers ({@link org.gyrus.preprocess.StandardScaler},
 * {@link org.gyrus.preprocess.MinMaxScaler}, {@link org.gyrus.preprocess.RobustScaler}), feature
 * selection ({@link org.gyrus.preprocess.VarianceThreshold}), seeded splits
 * ({@link org.gyrus.preprocess.Splitter}), column selection and joins.
 *
 * <p>Every fitter learns from a training table and returns a fitted model, a
 * {@link org.gyrus.preprocess.TableTransform}, that applies the learnt statistics to any other
 * table without refitting; {@link org.gyrus.preprocess.ModelArtifacts} turns models into
 * {@link org.gyrus.data.ModelArtifact}s and back. The statistics are computed in the same order
 * of floating-point operations as numpy and scikit-learn where that matters (sums, the
 * nan-Euclidean distance, numpy's introselect for choosing among equally near neighbours), so that
 * results agree with scikit-learn to the last bits or within 1e-9 on the reference data.
 *
 * <p>Deliberate differences from scikit-learn (also in the node documentation): missing
 * categories are a category with a configurable label that sorts with the others; numeric columns
 * one-hot encoded by their text; splits use Java's random numbers; and a text or categorical
 * column asked for a mean is an error naming its first non-numeric cell; where sums, squares or
 * ranges of finite values overflow, the true statistics are computed on values scaled by a power
 * of two (scikit-learn returns wrong values with a warning), and results that cannot be
 * represented are errors naming column and row. Infinity is refused as scikit-learn refuses it.
 *
 * <p>Plain Java: no OSGi here. The node components are in {@code org.gyrus.preprocess.nodes}.
 */
package org.gyrus.preprocess;
