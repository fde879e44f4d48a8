/**
 * Figures from the result tables: a catalogue of figures (SQL, chart kind, axes) keyed by the
 * sweep they belong to, rendered as PNG with JFreeChart, and an HTML report with the rows behind
 * every figure.
 */
package org.foglab.plot;
