/**
 * The part of `smpp` 0.5 (node-smpp, which ships no types) this package and its tests use.
 * @internal
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events'
  import type { Server as NetServer, Socket } from 'node:net'

  namespace smpp {
    /** A decoded PDU: the header fields plus the command's parameters and TLVs by name. */
    export interface PDU {
      command: string
      command_id: number
      command_status: number
      sequence_number: number
      [field: string]: unknown
      isResponse(): boolean
      response(options?: Record<string, unknown>): PDU
    }

    export type ResponseCallback = (pdu: PDU) => void
    export type PduShortcut = (
      options?: Record<string, unknown>,
      responseCallback?: ResponseCallback,
      sendCallback?: ResponseCallback,
    ) => boolean

    export interface Session extends EventEmitter {
      socket: Socket
      send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean
      close(callback?: () => void): void
      destroy(callback?: () => void): void
      bind_transceiver: PduShortcut
      bind_transceiver_resp: PduShortcut
      submit_sm: PduShortcut
      submit_sm_resp: PduShortcut
      deliver_sm: PduShortcut
      enquire_link: PduShortcut
      unbind: PduShortcut
    }

    export interface Server extends NetServer {
      sessions: Session[]
    }

    export interface ConnectOptions {
      url?: string
      host?: string
      port?: number
      auto_enquire_link_period?: number
    }

    export interface TlvType {
      read(buffer: Buffer, offset: number, length: number): unknown
      write(value: unknown, buffer: Buffer, offset: number): void
      size(value: unknown): number
    }

    export interface TlvDefinition {
      id: number
      type: TlvType
      tag?: string
    }

    export function connect(options: ConnectOptions, listener?: () => void): Session
    export function createServer(listener: (session: Session) => void): Server
    export function createServer(
      options: Record<string, unknown>,
      listener: (session: Session) => void,
    ): Server
    export function addTLV(tag: string, options: TlvDefinition): void

    export const tlvs: Record<string, TlvDefinition>
    export const tlvsById: Record<number, TlvDefinition | undefined>
    export const types: { tlv: { cstring: TlvType; string: TlvType; buffer: TlvType; int16: TlvType } }
    export const gsmCoder: {
      encode(text: string, shift: number): Buffer
      decode(bytes: Buffer, shift: number): string
    }
  }
  export = smpp
}
