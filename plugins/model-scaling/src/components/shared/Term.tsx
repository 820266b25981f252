import { ReactNode } from 'react';
import { Tooltip, makeStyles } from '@material-ui/core';
import { GLOSSARY, GlossaryTerm } from './glossary';

const useStyles = makeStyles(theme => ({
  term: {
    textDecoration: 'underline dotted',
    textUnderlineOffset: '3px',
    cursor: 'help',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
}));

/** A KEDA or Triton term with its plain-words explanation in a tooltip (hover or keyboard focus). */
export function Term(props: { term: GlossaryTerm; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Tooltip title={GLOSSARY[props.term]} arrow>
      {/* Focusable so that keyboard users can open the explanation too (WCAG 1.4.13). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <span className={classes.term} tabIndex={0} data-term={props.term}>
        {props.children}
      </span>
    </Tooltip>
  );
}
