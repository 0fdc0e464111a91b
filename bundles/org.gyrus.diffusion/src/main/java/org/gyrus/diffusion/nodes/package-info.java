/** The diffusion bundle's node types: thin Declarative Services components over the numeric code. */
package org.gyrus.diffusion.nodes;
