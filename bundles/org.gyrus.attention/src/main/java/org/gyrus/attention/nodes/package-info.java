/** The attention bundle's node types: thin components over the plain code of {@code org.gyrus.attention}. */
package org.gyrus.attention.nodes;
