package org.evcharging.bpp.core.logging;

import java.text.MessageFormat;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way this platform writes a log line. Values in a log line often came from outside (ids, URLs, a reason a
 * BAP typed, an exception's message quoting a body), and a log is read by people and by tools that trust one event
 * per line. So every line is formatted here, then made safe: control, format and separator characters (CR, LF, NUL,
 * the bidi overrides U+202A..U+202E and U+2066..U+2069, U+2028) and backslashes are written as escapes, each argument
 * is cut to {@value #MAX_ARGUMENT} code points and the whole line to {@value #MAX_LINE}. An exception's trace keeps
 * its frames; its messages are made safe the same way. Obtain one per class with {@link #of(Class)}; a test holds
 * every module to it.
 */
public final class SafeLog {

    static final int MAX_ARGUMENT = 256;
    static final int MAX_LINE = 2000;

    private final Logger logger;

    private SafeLog(Logger logger) {
        this.logger = logger;
    }

    public static SafeLog of(Class<?> owner) {
        return new SafeLog(Logger.getLogger(owner.getName()));
    }

    public boolean isLoggable(Level level) {
        return logger.isLoggable(level);
    }

    public void log(Level level, String message) {
        if (logger.isLoggable(level)) {
            logger.logp(level, logger.getName(), null, line(message, null));
        }
    }

    public void log(Level level, String template, Object argument) {
        log(level, template, new Object[] {argument});
    }

    public void log(Level level, String template, Object[] arguments) {
        if (logger.isLoggable(level)) {
            logger.logp(level, logger.getName(), null, line(template, arguments));
        }
    }

    /** A line and an exception's trace, the exception's messages made safe. */
    public void log(Level level, String message, Throwable thrown) {
        if (logger.isLoggable(level)) {
            logger.logp(level, logger.getName(), null, line(message, null), EscapedThrowable.of(thrown));
        }
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void warning(String message) {
        log(Level.WARNING, message);
    }

    public void severe(String message) {
        log(Level.SEVERE, message);
    }

    public void fine(String message) {
        log(Level.FINE, message);
    }

    /** A line built only if it is logged; it is made safe and cut as a whole. */
    public void log(Level level, Supplier<String> message) {
        if (logger.isLoggable(level)) {
            logger.logp(level, logger.getName(), null, line(message.get(), null));
        }
    }

    public void info(Supplier<String> message) {
        log(Level.INFO, message);
    }

    public void warning(Supplier<String> message) {
        log(Level.WARNING, message);
    }

    public void severe(Supplier<String> message) {
        log(Level.SEVERE, message);
    }

    public void fine(Supplier<String> message) {
        log(Level.FINE, message);
    }

    /**
     * The text of a log line: the template filled with its arguments, each made safe and cut, then the whole made safe
     * and cut (a template may have been built by concatenating outside values).
     */
    static String line(String template, Object[] arguments) {
        String text = template == null ? "null" : template;
        if (arguments != null && arguments.length > 0) {
            Object[] safe = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                Object a = arguments[i];
                safe[i] = a instanceof Number || a instanceof Boolean ? a
                        : LogText.safe(String.valueOf(a), MAX_ARGUMENT);
            }
            try {
                text = new MessageFormat(text).format(safe);
            } catch (IllegalArgumentException badTemplate) {
                text = text + " " + java.util.Arrays.toString(safe);
            }
        }
        return LogText.safeLine(text, MAX_LINE);
    }

    /**
     * An exception as it is printed in a log, with its class and message made safe, its own frames and a cause made
     * safe in turn (to a depth of ten).
     */
    static final class EscapedThrowable extends Exception {

        private static final long serialVersionUID = 1L;
        private final String shown;

        private EscapedThrowable(String shown, StackTraceElement[] frames, Throwable cause) {
            super(shown, cause, false, true);
            this.shown = shown;
            setStackTrace(frames);
        }

        static Throwable of(Throwable t) {
            return of(t, 0);
        }

        private static Throwable of(Throwable t, int depth) {
            if (t == null || depth > 10) {
                return null;
            }
            return new EscapedThrowable(LogText.safe(t.toString(), MAX_LINE), t.getStackTrace(),
                    t.getCause() == t ? null : of(t.getCause(), depth + 1));
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
