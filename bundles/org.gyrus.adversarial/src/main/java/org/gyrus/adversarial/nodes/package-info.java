/** The attack nodes: thin Declarative Services components over the attacks of {@code org.gyrus.adversarial}. */
package org.gyrus.adversarial.nodes;
