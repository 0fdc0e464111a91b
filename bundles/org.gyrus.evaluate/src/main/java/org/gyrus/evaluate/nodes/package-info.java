/**
 * The evaluation node types, thin Declarative Services components over {@link org.gyrus.evaluate}.
 */
package org.gyrus.evaluate.nodes;
