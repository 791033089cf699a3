/**
 * The bench page for PEV2 (the baseline): its Plan component mounted as its
 * README says, with Bootstrap, in the same page size as Tusk's.
 */
import { createApp } from 'vue'
import { Plan } from 'pev2'
import 'bootstrap/dist/css/bootstrap.min.css'
import 'pev2/dist/pev2.css'
import { busyAfterFirstRender, clickToSelect, panZoomFrameRate, timeToFirstRender, zoomTarget } from './measure'

Object.assign(window, {
  bench: {
    mount: (text: string, _mode: 'all', timeoutMs: number) =>
      timeToFirstRender(() => createApp(Plan, { planSource: text, planQuery: '' }).mount('#root'), '.plan-node', timeoutMs),
    click: () => {
      // PEV2 selects a node from the "#id" link in its card's header.
      const nodes = document.querySelectorAll('.plan-node:not(.selected) header a.fw-normal')
      return clickToSelect(nodes[Math.floor(nodes.length / 2)]!, '.plan-node.selected')
    },
    busy: () => busyAfterFirstRender(),
    panZoom: (kind: 'wheel' | 'drag') => panZoomFrameRate(zoomTarget(), kind)
  }
})
