/** Mantine anchors/buttons/nav links that navigate through TanStack Router (typed `to`, preloading). */
import type { ComponentPropsWithRef } from 'react';
import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

type AnchorLinkProps = AnchorProps & Omit<ComponentPropsWithRef<'a'>, keyof AnchorProps>;
function AnchorBase(props: AnchorLinkProps) {
  return <Anchor {...props} />;
}
export const RouterAnchor = createLink(AnchorBase);

type ButtonLinkProps = ButtonProps & Omit<ComponentPropsWithRef<'a'>, keyof ButtonProps>;
function ButtonBase(props: ButtonLinkProps) {
  return <Button component="a" {...props} />;
}
export const RouterButton = createLink(ButtonBase);

type NavLinkAnchorProps = NavLinkProps & Omit<ComponentPropsWithRef<'a'>, keyof NavLinkProps>;
function NavLinkBase(props: NavLinkAnchorProps) {
  return <NavLink component="a" {...props} />;
}
export const RouterNavLink = createLink(NavLinkBase);
