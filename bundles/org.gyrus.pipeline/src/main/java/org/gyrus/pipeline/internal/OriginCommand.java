package org.gyrus.pipeline.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gyrus.pipeline.OriginFinder;
import org.gyrus.pipeline.OriginReader;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineOrigin;
import org.gyrus.pipeline.Subcommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code gyrus origin RESULT [--save FILE]}: the pipeline and variable values that made a result
 * file or folder ({@link OriginFinder}, with every {@link OriginReader} service), printed, and with
 * {@code --save} written as a pipeline file whose variable defaults are that run's values, so that
 * {@code gyrus run FILE} repeats the analysis. An existing file is never replaced.
 */
@Component(service = Subcommand.class)
public final class OriginCommand implements Subcommand {

    private final List<OriginReader> readers = new CopyOnWriteArrayList<>();

    /** Adds a reader of stamps (a DS reference). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addReader(OriginReader reader) {
        readers.add(reader);
    }

    /** Removes a reader. */
    public void removeReader(OriginReader reader) {
        readers.remove(reader);
    }

    @Override
    public String name() {
        return "origin";
    }

    @Override
    public String summary() {
        return "Show the pipeline and variable values that made a result file or folder (--save FILE writes it to rerun)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path result = null;
        Path save = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--save") && i + 1 < args.size()) {
                save = Path.of(args.get(++i));
            } else if (a.startsWith("-") || result != null) {
                err.println("gyrus origin: unexpected argument '" + a + "'. Usage: gyrus origin RESULT [--save FILE]");
                return 2;
            } else {
                result = Path.of(a);
            }
        }
        if (result == null) {
            err.println("gyrus origin: name a result file or folder. Usage: gyrus origin RESULT [--save FILE]");
            return 2;
        }
        if (save != null && Files.exists(save)) {
            err.println("gyrus origin: " + save + " exists; it is not replaced. Name a new file.");
            return 2;
        }
        PipelineOrigin o;
        try {
            o = new OriginFinder(readers).find(result);
        } catch (IOException e) {
            err.println("gyrus origin: " + e.getMessage());
            return 3;
        }
        out.println(result + " was made by the pipeline '" + o.pipeline().name() + "' (" + o.pipeline().nodes().size()
                + " nodes), found in " + o.source() + ".");
        if (o.variables().isEmpty()) {
            out.println("The run set no variables.");
        } else {
            out.println("Variable values of that run:");
            new java.util.TreeMap<>(o.variables()).forEach((k, v) -> out.println("  " + k + " = " + v));
        }
        if (save != null) {
            try {
                PipelineFile.write(o.pipelineWithValues(), save);
            } catch (IOException | RuntimeException e) {
                err.println("gyrus origin: could not write " + save + ": " + e.getMessage());
                return 4;
            }
            out.println("Saved with those values as defaults: gyrus run " + save + " repeats it.");
        }
        return 0;
    }
}
