// The UI libraries, from WebJars in the war (console/pom.xml pins the same versions): Preact for the pages, uPlot for
// the energy chart, Leaflet for the station map (no online tiles: markers on a plain grid).
export { h, render, Component, Fragment } from '../webjars/preact/10.26.9/dist/preact.module.js';
export { default as uPlot } from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';
export * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
