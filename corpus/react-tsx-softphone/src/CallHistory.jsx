/*
 * ctimod corpus: react-tsx-softphone/src/CallHistory.jsx - plain JSX call history list of the VendorPhone React softphone; rows pop the related record through sforce.opencti
 * Patterns: jsx
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/* global sforce */
import React, { useMemo, useState } from 'react';
import PropTypes from 'prop-types';

const OUTCOME_LABELS = {
  completed: 'Answered',
  missed: 'Missed',
  rejected: 'Declined',
  failed: 'Failed',
};

function formatTime(ts) {
  const d = new Date(ts);
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${hh}:${mm}`;
}

function formatDuration(sec) {
  if (!sec) {
    return '';
  }
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return `${m}m ${s}s`;
}

function openRecord(entry) {
  if (!entry.recordId) {
    return;
  }
  sforce.opencti.screenPop({
    type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
    params: { recordId: entry.recordId },
  });
}

function openTask(entry, event) {
  event.stopPropagation();
  sforce.opencti.screenPop({
    type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
    params: { recordId: entry.taskId },
    callback: (res) => {
      if (!res.success) {
        // eslint-disable-next-line no-console
        console.warn('[softphone] could not open task', entry.taskId, res.errors);
      }
    },
  });
}

function HistoryRow({ entry }) {
  const outcome = OUTCOME_LABELS[entry.outcome] || entry.outcome;
  return (
    <li
      className={`ch-row ch-row--${entry.outcome}${entry.recordId ? ' ch-row--linked' : ''}`}
      onClick={() => openRecord(entry)}
      title={entry.recordId ? 'Open the related record' : 'No related record'}
    >
      <span className="ch-dir" aria-label={entry.direction}>
        {entry.direction === 'inbound' ? '↙' : '↗'}
      </span>
      <span className="ch-number">{entry.number}</span>
      <span className="ch-time">{formatTime(entry.startedAt)}</span>
      <span className="ch-outcome">{outcome}</span>
      <span className="ch-duration">{formatDuration(entry.durationSec)}</span>
      {entry.taskId && (
        <button type="button" className="ch-task" onClick={(e) => openTask(entry, e)}>
          Log
        </button>
      )}
    </li>
  );
}

HistoryRow.propTypes = {
  entry: PropTypes.shape({
    id: PropTypes.string.isRequired,
    number: PropTypes.string.isRequired,
    direction: PropTypes.oneOf(['inbound', 'outbound']).isRequired,
    startedAt: PropTypes.number.isRequired,
    durationSec: PropTypes.number,
    outcome: PropTypes.string,
    recordId: PropTypes.string,
    taskId: PropTypes.string,
  }).isRequired,
};

export default function CallHistory({ entries, onClear }) {
  const [filter, setFilter] = useState('all');
  const [refreshing, setRefreshing] = useState(false);

  const visible = useMemo(
    () => (filter === 'all' ? entries : entries.filter((e) => (filter === 'missed' ? e.outcome === 'missed' : e.direction === filter))),
    [entries, filter],
  );

  const refreshRecord = () => {
    setRefreshing(true);
    sforce.opencti.refreshView({
      callback: () => setRefreshing(false),
    });
  };

  return (
    <section className="call-history">
      <header className="ch-header">
        <h2>Recent calls</h2>
        <select value={filter} onChange={(e) => setFilter(e.target.value)}>
          <option value="all">All</option>
          <option value="inbound">Inbound</option>
          <option value="outbound">Outbound</option>
          <option value="missed">Missed</option>
        </select>
        <button type="button" onClick={refreshRecord} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh page'}
        </button>
        <button type="button" onClick={onClear} disabled={!entries.length}>
          Clear
        </button>
      </header>
      {visible.length ? (
        <ul className="ch-list">
          {visible.map((entry) => (
            <HistoryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      ) : (
        <p className="ch-empty">No calls yet.</p>
      )}
    </section>
  );
}

CallHistory.propTypes = {
  entries: PropTypes.arrayOf(PropTypes.object).isRequired,
  onClear: PropTypes.func.isRequired,
};
