package org.gyrus.workbench.plugins;

import java.util.List;

import org.gyrus.plugins.PluginException;

/**
 * What the Plug-ins dialog says when an operation fails or needs the user's consent: the
 * plug-in and repository named first, then {@link org.gyrus.plugins.Plugins}'s own explanation
 * (the planner's words, the files p2 found unsigned), then what state the installation is in.
 */
public final class PluginMessages {

    /** Where {@code P2Plugins} starts its advice for the command line (options the dialog replaces with a question). */
    private static final String COMMAND_LINE_ADVICE = "\nInstall it only if you trust where it comes from";

    private PluginMessages() {
    }

    /** The description of an installation: {@code features} from {@code source}. */
    public static String installing(List<String> features, String source) {
        return "installing " + String.join(", ", features) + " from " + source;
    }

    /** The description of an update: one plug-in, or all of them when {@code feature} is null. */
    public static String updating(String feature) {
        return feature == null ? "updating every plug-in from its repository" : "updating " + feature + " from its repository";
    }

    /** The description of an uninstallation. */
    public static String uninstalling(String feature) {
        return "uninstalling " + feature;
    }

    /** The text of the error dialog after {@code what} failed with {@code e}. */
    public static String failure(String what, PluginException e) {
        return capitalised(what) + " failed:\n\n" + e.getMessage() + "\n\nThe installation was not changed.";
    }

    /**
     * The question asked when p2's signature check refused content: the refusal as p2 reported it,
     * then whether to go on. Yes is what {@code --trust-unsigned} is on the command line.
     */
    public static String consent(String what, PluginException e) {
        String reason = e.getMessage();
        int advice = reason.indexOf(COMMAND_LINE_ADVICE);
        if (advice >= 0) {
            reason = reason.substring(0, advice);
        }
        return capitalised(what) + " was refused:\n\n" + reason + "\n\nNothing was installed. Install it anyway? Answer Yes only if you"
                + " trust where it comes from: its code will run with all your rights. The choice is recorded with the plug-in"
                + " (as --trust-unsigned is) and in the provenance of every run that uses it.";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
