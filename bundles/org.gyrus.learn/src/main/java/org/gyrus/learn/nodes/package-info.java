/**
 * The learning node types, thin Declarative Services components over {@link org.gyrus.learn}.
 */
package org.gyrus.learn.nodes;
