/**
 * The callLater demo: scheduling a call, cancelling it, and moving it (active, delay, reset).
 * Twisted: {@code future.py} and {@code future2.py} of the EuroPython 2012 Twisted training,
 * part 2, on {@code IReactorTime.callLater} and {@code IDelayedCall}.
 */
package dev.jtwisted.samples.calllater;
