package org.gyrus.workbench.editor;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.gyrus.pipeline.Pipeline;

/**
 * The pipeline being edited, with its undo and redo history, the file it came from and whether it
 * changed since it was saved. Every edit goes through {@link #apply}, so every edit can be undone.
 * Plain Java: the canvas and the parts listen to it and turn user gestures into edits.
 */
public final class PipelineDocument {

    /** One undoable edit: the pipeline before and after, and what the user would call it. */
    public record Edit(String label, Pipeline before, Pipeline after) {
    }

    /** Hears every change of the document's pipeline, file or saved state. */
    public interface Listener {
        /** The pipeline, its file or its dirty state changed. */
        void changed(PipelineDocument document);
    }

    private static final int HISTORY = 500;

    private Pipeline pipeline;
    private Pipeline saved;
    private Path file;
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** A new, empty, unsaved document. */
    public PipelineDocument() {
        this(Pipeline.named("untitled"), null);
    }

    /** A document holding {@code pipeline}, read from {@code file} (null if it has no file yet). */
    public PipelineDocument(Pipeline pipeline, Path file) {
        this.pipeline = Objects.requireNonNull(pipeline);
        this.saved = file == null ? null : pipeline;
        this.file = file;
    }

    /** The pipeline as it stands. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The file it was read from or last saved to. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Applies an edit: {@code change} maps the current pipeline to the new one. An edit that
     * changes nothing is not recorded.
     *
     * @return whether the pipeline changed
     * @throws IllegalArgumentException if {@code change} refuses (the document is left as it was)
     */
    public boolean apply(String label, UnaryOperator<Pipeline> change) {
        Pipeline after = change.apply(pipeline);
        if (after.equals(pipeline)) {
            return false;
        }
        undo.push(new Edit(label, pipeline, after));
        while (undo.size() > HISTORY) {
            undo.removeLast();
        }
        redo.clear();
        pipeline = after;
        fire();
        return true;
    }

    /** Replaces the whole document (File &gt; Open, New): the history starts afresh. */
    public void load(Pipeline p, Path from) {
        pipeline = Objects.requireNonNull(p);
        file = from;
        saved = from == null ? null : p;
        undo.clear();
        redo.clear();
        fire();
    }

    /**
     * Takes back work that was never saved (an autosave after a crash): it belongs to
     * {@code from} (null if it had no file) but differs from it, so it is dirty.
     */
    public void restore(Pipeline p, Path from) {
        load(p, null);
        file = from;
        fire();
    }

    /** Records that the pipeline as it stands was written to {@code to}. */
    public void markSaved(Path to) {
        file = to;
        saved = pipeline;
        fire();
    }

    /** Whether there are changes that no file holds. An empty document with no file is not dirty. */
    public boolean isDirty() {
        if (saved == null) {
            return !pipeline.nodes().isEmpty() || !pipeline.variables().isEmpty();
        }
        return !pipeline.equals(saved);
    }

    /** Whether there is an edit to undo. */
    public boolean canUndo() {
        return !undo.isEmpty();
    }

    /** Whether there is an undone edit to redo. */
    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The label of the edit that Undo would revert, e.g. "Add PCA". */
    public Optional<String> undoLabel() {
        return undo.isEmpty() ? Optional.empty() : Optional.of(undo.peek().label());
    }

    /** The label of the edit that Redo would apply again. */
    public Optional<String> redoLabel() {
        return redo.isEmpty() ? Optional.empty() : Optional.of(redo.peek().label());
    }

    /** Reverts the last edit, if any. */
    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Edit e = undo.pop();
        redo.push(e);
        pipeline = e.before();
        fire();
    }

    /** Applies the last undone edit again, if any. */
    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Edit e = redo.pop();
        undo.push(e);
        pipeline = e.after();
        fire();
    }

    /** Starts telling {@code l} about changes. */
    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Stops telling {@code l} about changes. */
    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private void fire() {
        for (Listener l : listeners) {
            l.changed(this);
        }
    }
}
