/**
 * Services: start-up and shut-down code arranged in a tree under one {@link
 * dev.jtwisted.application.service.Application}, so a program starts and stops as a whole, and a
 * stop waits for every part to finish.
 * Twisted: {@code twisted.application.service}.
 *
 * <p>Threads: as in Twisted, services are started, stopped and rearranged on the reactor thread;
 * nothing here takes a lock.
 */
package dev.jtwisted.application.service;
