package org.gyrus.data;

/**
 * What is known about a value before it exists: a table's columns, a model's kind, a volume's
 * grid, a feature matrix's width. Node types compute the specs of their outputs from those of
 * their inputs before anything runs (see {@code NodeType.configure}), so that a misspelt column or
 * a model of the wrong kind is reported when a pipeline is validated. A value whose spec is not
 * known has no spec at all: nothing is then checked about it before it runs.
 */
public interface DataSpec {
}
