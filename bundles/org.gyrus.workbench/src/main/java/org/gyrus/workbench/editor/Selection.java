package org.gyrus.workbench.editor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The selected nodes of the editor (by id), and who wants to know when they change. */
public final class Selection {

    private Set<String> nodes = Set.of();
    private final List<Consumer<Selection>> listeners = new CopyOnWriteArrayList<>();

    /** The selected node ids, in selection order. */
    public Set<String> nodes() {
        return nodes;
    }

    /** The one selected node, if exactly one is selected. */
    public Optional<String> single() {
        return nodes.size() == 1 ? Optional.of(nodes.iterator().next()) : Optional.empty();
    }

    /** Replaces the selection. */
    public void set(Set<String> ids) {
        Set<String> next = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(ids));
        if (!next.equals(nodes)) {
            nodes = next;
            listeners.forEach(l -> l.accept(this));
        }
    }

    /** Drops ids that are no longer in {@code existing} (after an undo or a delete). */
    public void retain(Set<String> existing) {
        Set<String> kept = new LinkedHashSet<>(nodes);
        kept.retainAll(existing);
        set(kept);
    }

    /** Tells {@code l} about every change. */
    public void addListener(Consumer<Selection> l) {
        listeners.add(l);
    }
}
