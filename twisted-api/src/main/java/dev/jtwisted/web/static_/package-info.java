/**
 * Static files: {@link dev.jtwisted.web.static_.File} serves a file, or a directory tree, from
 * the file system.
 *
 * <p>The package is named {@code static_} because {@code static} is a Java keyword; the trailing
 * underscore is the usual way to keep a keyword-clashing name (PEP 8 says the same for Python),
 * so a Twisted programmer still finds {@code twisted.web.static} by its name.
 *
 * <p>Twisted: {@code twisted.web.static}.
 */
package dev.jtwisted.web.static_;
