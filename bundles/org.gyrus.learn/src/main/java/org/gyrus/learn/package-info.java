/**
 * Learners with scikit-learn 1.2's semantics: {@link org.gyrus.learn.LogisticRegression} (L2 or
 * no penalty, the lbfgs solver as {@link org.gyrus.learn.Lbfgs} with a strong-Wolfe line search and
 * SciPy's stopping rules, class weights, binary and multinomial) and
 * {@link org.gyrus.learn.LinearRegression} (ordinary least squares and ridge, closed form). Fitted
 * models turn into {@link org.gyrus.data.ModelArtifact}s with a kind and a layout version, and back.
 *
 * <p>Plain Java on primitive arrays in double precision (as scikit-learn's lbfgs); no OSGi here. The
 * node components are in {@code org.gyrus.learn.nodes}. Checked against scikit-learn on the
 * breast-cancer and penguins tables (testdata/make_reference.py).
 */
package org.gyrus.learn;
